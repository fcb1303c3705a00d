-- Unmatched webhooks are counted per hour before one more is kept.
create index webhook_inbox_state_received on webhook_inbox (state, received_at);
