-- When a connect was about to be placed for the session, committed apart from the job that places it: a re-run of
-- that job knows a call may be ringing the agent and does not place another.
alter table dialer_session add column connect_requested_at timestamp;
