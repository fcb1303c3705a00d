package io.progressivedialer.postgres;

import io.progressivedialer.endtoend.DialerEndToEndTest;

@OnPostgres
class DialerEndToEndOnPostgresTest extends DialerEndToEndTest {
}
