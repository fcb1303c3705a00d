-- When Exotel says a call's recording can be fetched (the Passthru's RecordingAvailableBy): the URL answers nothing
-- before then.
alter table call_record add column recording_available_by timestamp;
