-- Each node's job executor, by the lock owner it writes on the engine's jobs, and when the node last said it was
-- alive: the jobs of a node that stopped saying so are released for the others.
create table dialer_node (
    lock_owner varchar(255) primary key,
    seen_at    timestamp    not null
);
