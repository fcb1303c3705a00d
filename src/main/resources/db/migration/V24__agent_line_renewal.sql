-- An agent's line (the Calls/connect leg) lasts at most Exotel's TimeLimit; a shift renews it between calls. The
-- session row names its current line; the lines it ended are kept here, so that their late webhooks still find the
-- session and none of them is taken for the current line.
create table agent_leg (
    call_sid   varchar(64) primary key,
    session_id varchar(64) not null references dialer_session (id),
    ended_at   timestamp   not null
);

create index agent_leg_session on agent_leg (session_id);

alter table dialer_session add column line_renewals integer default 0 not null;
