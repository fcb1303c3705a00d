-- webhook_inbox_state_received repeated webhook_inbox_state (state, received_at): every stored webhook paid for both.
drop index webhook_inbox_state_received;
