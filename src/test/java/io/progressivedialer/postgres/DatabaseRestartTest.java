package io.progressivedialer.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * PostgreSQL restarts mid-shift, on a server of this test's own: Exotel's webhooks meanwhile are answered 503 with
 * a Retry-After within the connection pool's few seconds (not 500, not after 30 s), and once the database is back the
 * session goes on where it was.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@ContextConfiguration(initializers = DatabaseRestartTest.RestartableDatabase.class)
class DatabaseRestartTest extends PassiveExotelTest {

    /** A PostgreSQL server that can be stopped and started again on its port and data. */
    static class RestartableDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        // kept when the server stops: the restarted server finds the dialer's data where it was
        private static final Path DATA = temporaryDirectory().resolve("data");
        private static final int PORT = freePort();
        private static EmbeddedPostgres server;

        static synchronized void start() {
            try {
                server = EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false)
                        .setPort(PORT).setServerConfig("fsync", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static synchronized void stop() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            start();
            TestPropertyValues.of(
                    "DIALER_DB_URL=" + server.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.url=${DIALER_DB_URL}",
                    "DIALER_DB_USER=postgres",
                    "DIALER_DB_PASSWORD=postgres",
                    "dialer.session.message-patience=PT2S",
                    "camunda.bpm.process-engine-name=databaseRestart").applyTo(context);
        }

        private static Path temporaryDirectory() {
            try {
                return Files.createTempDirectory("dialer-restarting-postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void webhooksWhileTheDatabaseIsDownAreAnswered503AndTheSessionGoesOnOnceItIsBack() {
        String campaign = newCampaign();
        String agent = newAgent();
        String first = newLeadPhone();
        String second = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + first + ",First," + agent + ",2,\n"
                + second + ",Second," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isEqualTo(first);
        assertThat(passthru(session, first, "completed", 20).statusCode()).isEqualTo(200);

        RestartableDatabase.stop();
        HttpResponse<String> whileDown;
        long asked = System.nanoTime();
        try {
            whileDown = askWhomToDial(session, "2021-07-25 15:00:00");
        } finally {
            RestartableDatabase.start();
        }
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);

        assertThat(whileDown.statusCode()).as(whileDown.body()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("Retry-After")).isPresent();
        assertThat(answeredIn).as("within the pool's few seconds, not its old 30").isLessThan(Duration.ofSeconds(15));
        HttpResponse<String> back = askWhomToDial(session, "2021-07-25 15:00:00");
        for (int tries = 0; back.statusCode() != 200 && tries < 40; tries++) {
            sleep(250);
            back = askWhomToDial(session, "2021-07-25 15:00:00");
        }
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(numberIn(back)).as("the session goes on where it was").isEqualTo(second);
    }
}
