-- The nightly housekeeping finds the failed sign-ins whose block ended long ago by this, however many logins a
-- guesser tried.
create index sign_in_failure_blocked_until on sign_in_failure (blocked_until);
