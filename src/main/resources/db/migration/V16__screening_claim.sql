-- A lead being screened against the DND registry is claimed by one node until this time: two nodes never look the
-- same number up at once, and a node that dies leaves its leads to the others once the claim is over.
alter table lead add column screening_until timestamp;
