-- When a session's connect last found the Exotel API budget spent and its process began to wait for the next
-- window: such a session is waiting, not stuck.
alter table dialer_session add column budget_wait_since timestamp;
