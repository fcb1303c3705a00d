package io.progressivedialer.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One PostgreSQL server for the whole test run, and a fresh database in it for each application context, reached
 * through the production {@code postgres} profile and its environment variables.
 */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    /**
     * Whether the server keeps statistics per statement ({@code pg_stat_statements}), for a benchmark that asks
     * where PostgreSQL's time goes: {@code -Dpostgres.statement-statistics=true}. Off by default: it costs CPU.
     */
    public static final boolean STATEMENT_STATISTICS = Boolean.getBoolean("postgres.statement-statistics");

    /** The server, started on first use and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        // a test server: nothing here has to survive a power cut
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off");
                if (STATEMENT_STATISTICS) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                            .setServerConfig("pg_stat_statements.track_planning", "on");
                }
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
            }
        }
        return server;
    }

    /** A new, empty database; answers its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "DIALER_DB_URL=" + newDatabase("dialer"),
                // above the test's own H2 URL
                "spring.datasource.url=${DIALER_DB_URL}",
                "DIALER_DB_USER=postgres",
                "DIALER_DB_PASSWORD=postgres",
                // PostgreSQL makes a colliding correlation wait for the row lock, then fail and try again: four
                // copies of one webhook at once take longer than the H2 tests' short patience
                "dialer.session.message-patience=PT2S",
                // Camunda registers engines by name in the JVM: the PostgreSQL twin of a test context needs its own
                "camunda.bpm.process-engine-name=" + context.getEnvironment()
                        .getProperty("camunda.bpm.process-engine-name", "default") + "OnPostgres")
                .applyTo(context);
    }
}
