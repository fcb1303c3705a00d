-- The state log now keeps finished stretches only, each written whole as it ends; the stretch going on is the
-- session's own (agent_state since agent_state_since). An open row of the former scheme is that stretch twice.
delete from agent_state_log where ended_at is null;
