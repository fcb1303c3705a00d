-- A lead import in progress, as far as it has read and stored, so that the page that sent it can show how far it is
-- whichever node answers its polls. Deleted when the import ends; one left by a node that died goes with the nightly
-- housekeeping.
create table lead_import (
    id              varchar(36) primary key,
    campaign_id     varchar(64) not null,
    characters_read bigint      not null,
    rows_read       integer     not null,
    updated_at      timestamp   not null
);
create index lead_import_updated_at on lead_import (updated_at);
