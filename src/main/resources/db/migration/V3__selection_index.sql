-- Selection reads each (campaign, agent or pool, status) range in priority order, a few rows at a time, so that
-- its cost does not grow with the number of leads.
drop index lead_dialable;
create index lead_selection on lead (campaign_id, agent_id, status, priority desc, id);
