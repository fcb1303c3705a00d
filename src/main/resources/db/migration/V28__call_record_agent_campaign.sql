-- A call record carries its agent and campaign, so that the floor finds calls by them and by date without a join
-- through the sessions, which housekeeping may delete before the calls.
alter table call_record add column agent_id varchar(64);
alter table call_record add column campaign_id varchar(64);
update call_record set agent_id = (select s.agent_id from dialer_session s where s.id = call_record.session_id),
                       campaign_id = (select s.campaign_id from dialer_session s where s.id = call_record.session_id);
create index call_record_campaign_dialled on call_record (campaign_id, dialled_at);
create index call_record_agent_dialled on call_record (agent_id, dialled_at);
create index call_record_dialled on call_record (dialled_at);
