package io.progressivedialer.postgres;

import io.progressivedialer.lead.LeadReservationTest;

@OnPostgres
class LeadReservationOnPostgresTest extends LeadReservationTest {
}
