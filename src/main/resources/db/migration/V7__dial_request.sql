-- The dial-whom request a call answered (Exotel's CurrentTime on the agent's flow): a request Exotel repeats
-- because our answer did not reach it gets the same number again, not a second lead.
alter table call_record add column dial_request varchar(32);

create index call_record_dial_request on call_record (session_id, dial_request);
