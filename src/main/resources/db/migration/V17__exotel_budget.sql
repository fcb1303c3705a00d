-- The Exotel API calls every node made in each ten-second window: one budget (dialer.exotel.calls-per-minute) for
-- the whole cluster.
create table exotel_budget (
    window_start timestamp primary key,
    used         integer not null
);
