-- The version of lead-selection that set a lead aside: a new version releases only what an older one decided, so a
-- lead the new version has just set aside stays aside.
alter table lead add column set_aside_version integer;
