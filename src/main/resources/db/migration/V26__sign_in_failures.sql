-- Failed sign-ins on the login form, per login, for every node: after a few, the form refuses that login for a while
-- that doubles with each further failure.
create table sign_in_failure (
    username      varchar(64) primary key,
    failures      integer     not null,
    blocked_until timestamp   not null
);
