-- A webhook whose application failed is tried again with backoff (state RETRYING) until this time; a webhook being
-- applied by the sweep (state APPLYING) was claimed at this time.
alter table webhook_inbox add column next_attempt_at timestamp;

create index webhook_inbox_due on webhook_inbox (state, next_attempt_at);
