package io.progressivedialer.postgres;

import io.progressivedialer.session.DialWhomRepeatTest;

@OnPostgres
class DialWhomRepeatOnPostgresTest extends DialWhomRepeatTest {
}
