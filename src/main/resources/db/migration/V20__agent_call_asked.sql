-- When Exotel was last asked whether a quiet session's agent call is still up, by whichever node claimed it.
alter table dialer_session add column agent_call_asked_at timestamp;
