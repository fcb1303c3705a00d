-- The engine reads a session's variables by EXECUTION_ID_ with TASK_ID_ IS NULL. H2 plans a statement once per
-- connection and keeps the plan while the statement stays in its cache; planned on the empty table at start-up, it
-- picks the TASK_ID_ index and then reads every variable of every session for each look-up. With both columns in
-- one index the plan is right whatever the table holds.
create index if not exists DIALER_IDX_VARIABLE_EXECUTION on ACT_RU_VARIABLE(EXECUTION_ID_, TASK_ID_);
