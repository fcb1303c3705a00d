package io.progressivedialer.postgres;

import io.progressivedialer.benchmark.WebhookLoadBenchmark;

/** The load benchmark with the dialer and the floor on PostgreSQL. */
@OnPostgres
class WebhookLoadOnPostgresBenchmark extends WebhookLoadBenchmark {

    @Override
    protected String database() {
        return "postgresql";
    }
}
