-- Lead rules: alternate numbers, callbacks, attempts per day, do-not-call and DND screening, agent dispositions.

-- Transactional (whitelisted) campaigns may call numbers on the DND registry.
alter table campaign add column transactional boolean default false not null;

-- Alternate numbers, E.164, comma-separated, tried in order after the main number failed.
alter table lead add column alt_phones varchar(200);
-- 0 while the main number is dialled, n once the nth alternate is.
alter table lead add column phone_index integer default 0 not null;
alter table lead add column callback_at timestamp;
-- Attempts on the lead's local calendar day attempts_day.
alter table lead add column attempts_today integer default 0 not null;
alter table lead add column attempts_day date;

alter table call_record add column agent_outcome varchar(16);
alter table call_record add column notes varchar(2000);

create table do_not_call (
    phone      varchar(20)  primary key,
    reason     varchar(200),
    created_at timestamp    not null
);

-- Exotel's number metadata, cached: DND or not, and when it was asked. Append-only, the latest answer counts:
-- two sessions asking about one number at once both insert, and neither fails on a duplicate key.
create table number_dnd (
    phone      varchar(20) not null,
    dnd        boolean     not null,
    checked_at timestamp   not null
);

create index number_dnd_latest on number_dnd (phone, checked_at);
