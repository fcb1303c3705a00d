-- Which claim holds a CRM message: only the node holding the claim posts it, and only its claim marks it delivered
-- or failed, even when its lease ran out meanwhile and another node claimed it.
alter table crm_outbox add column claim_token varchar(36);
