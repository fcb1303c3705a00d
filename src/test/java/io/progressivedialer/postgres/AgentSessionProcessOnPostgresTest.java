package io.progressivedialer.postgres;

import io.progressivedialer.session.AgentSessionProcessTest;

@OnPostgres
class AgentSessionProcessOnPostgresTest extends AgentSessionProcessTest {
}
