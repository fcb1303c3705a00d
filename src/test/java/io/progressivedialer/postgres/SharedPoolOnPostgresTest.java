package io.progressivedialer.postgres;

import io.progressivedialer.lead.SharedPoolTest;

@OnPostgres
class SharedPoolOnPostgresTest extends SharedPoolTest {
}
