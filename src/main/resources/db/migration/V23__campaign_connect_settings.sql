-- What the Connect applet is told for each of the campaign's customer calls (the dial-whom answer).
alter table campaign add column max_ring_seconds integer default 30 not null;
alter table campaign add column max_call_seconds integer default 3600 not null;
alter table campaign add column record_calls boolean default true not null;
alter table campaign add column recording_channels varchar(8) default 'dual' not null;
alter table campaign add column recording_notice varchar(500);
alter table campaign add column music_on_hold varchar(500);
