-- A lead is ready when the tables may be asked about it now: dialable (NEW or RETRY), screened against the DND
-- registry, due, and not set aside by the tables. Selection reads only ready leads, in priority order, so that leads
-- which cannot be dialled now (not due, awaiting screening, at night in their zone) are never read again and again.
alter table lead add column ready boolean default false not null;
-- Why the lead-selection table set the lead aside (the rules that matched) until next_attempt_at; null otherwise.
alter table lead add column set_aside varchar(1000);

update lead set ready = true
 where status in ('NEW', 'RETRY') and dnd_screened = true and next_attempt_at is null;

drop index lead_selection;
create index lead_ready on lead (campaign_id, agent_id, status, ready, priority desc, id);
-- The release sweep: leads not ready whose time has come.
create index lead_release on lead (ready, next_attempt_at);
-- Screening takes the leads most likely to be dialled next first.
drop index lead_unscreened;
create index lead_unscreened on lead (dnd_screened, priority desc, id);
-- When the calling window closes in a zone, that zone's ready leads of the campaign are set aside at once.
create index lead_zone on lead (campaign_id, timezone, ready);
-- Callbacks whose agent is away go to the campaign pool after a grace period.
create index lead_callback on lead (callback_at);

-- The time zones a campaign has leads in: its calling window is open while it is open in any of them.
create table campaign_zone (
    campaign_id varchar(64) not null references campaign (id),
    timezone    varchar(64) not null,
    primary key (campaign_id, timezone)
);

insert into campaign_zone (campaign_id, timezone)
select distinct l.campaign_id, coalesce(l.timezone, c.timezone)
  from lead l join campaign c on c.id = l.campaign_id;

-- Why this lead was dialled: {decision, version, score, rules}, as JSON.
alter table call_record add column selection varchar(2000);
