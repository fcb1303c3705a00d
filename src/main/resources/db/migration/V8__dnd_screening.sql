-- Leads whose number has been screened against the DND registry ahead of dialling, so that Exotel's dial-whom
-- question is answered from the cache instead of waiting for Exotel's number metadata API.
alter table lead add column dnd_screened boolean default false not null;

create index lead_unscreened on lead (dnd_screened, id);
