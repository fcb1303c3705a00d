-- Which agents have a screen open, on which node, as last announced: a desk event is written only for an agent
-- (or the wallboard, agent '') someone is watching. A node's rows older than half a minute are a dead node's.
create table desk_screen (
    node_id  varchar(64) not null,
    agent_id varchar(64) not null,
    seen_at  timestamp   not null,
    primary key (node_id, agent_id)
);
