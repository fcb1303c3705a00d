package io.progressivedialer.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code dialer.sessions}: how many sessions are live now, by status, read from the database at each scrape. */
@Component
class SessionMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    SessionMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SessionStatus status : SessionStatus.values()) {
            if (status != SessionStatus.ENDED) {
                Gauge.builder("dialer.sessions", () -> live(status))
                        .description("live agent sessions")
                        .tag("status", status.name())
                        .register(registry);
            }
        }
    }

    /** Live sessions hold their agent's row in the unique live_agent_id index, which this count walks. */
    private int live(SessionStatus status) {
        return jdbc.sql("select count(*) from dialer_session where live_agent_id is not null and status = ?")
                .param(status.name()).query(Integer.class).single();
    }
}
