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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** As long as a restart of PostgreSQL keeps it away: a minor version's upgrade, a fail-over. */
    private static final int DOWN_FOR_SECONDS = 30;

    /**
     * The same under load: ten sessions on the line, Exotel's dial-whom sent at ten a second, open loop, for the 30
     * seconds PostgreSQL is down. Every one is answered 503 within a few seconds of when it was sent (none 500, none
     * waiting out a 30-s pool), and within ten seconds of the database's return every session is given its next
     * customer, no lead twice.
     */
    @Test
    void aThirtySecondRestartUnderTenWebhooksASecondIsAnswered503AndEverySessionGoesOnWithinTenSeconds() throws Exception {
        String campaign = newCampaign();
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        List<String> agents = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            String agent = newAgent();
            agents.add(agent);
            for (int l = 0; l < 3; l++) {
                csv.append(newLeadPhone()).append(",Lead,").append(agent).append(',').append(3 - l).append(",\n");
            }
        }
        importLeads(campaign, csv.toString());
        List<JsonNode> sessions = agents.stream().map(agent -> startConnectedSession(agent, campaign)).toList();
        Set<String> dialled = ConcurrentHashMap.newKeySet();
        for (JsonNode session : sessions) {
            String number = dialWhom(session);
            assertThat(dialled.add(number)).isTrue();
            assertThat(passthru(session, number, "completed", 20).statusCode()).isEqualTo(200);
        }

        RestartableDatabase.stop();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newCachedThreadPool();
        long start = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < DOWN_FOR_SECONDS * 10; i++) {
                long intended = start + i * 100_000_000L;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                JsonNode session = sessions.get(i % sessions.size());
                String key = "outage-" + i;
                sent.add(senders.submit(() -> {
                    HttpResponse<String> answer = askWhomToDial(session, key);
                    statuses.add(answer.statusCode());
                    latencies.add(Duration.ofNanos(System.nanoTime() - intended));
                }));
            }
            for (Future<?> answer : sent) {
                answer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
            RestartableDatabase.start();
        }
        long back = System.nanoTime();

        assertThat(statuses).hasSize(DOWN_FOR_SECONDS * 10).containsOnly(503);
        assertThat(latencies.stream().max(Duration::compareTo).orElseThrow())
                .as("the slowest answer, from when it was sent").isLessThan(Duration.ofSeconds(8));
        for (JsonNode session : sessions) {
            HttpResponse<String> next = askWhomToDial(session, "back");
            while (next.statusCode() != 200 && System.nanoTime() - back < 10_000_000_000L) {
                sleep(200);
                next = askWhomToDial(session, "back");
            }
            String number = numberIn(next);
            assertThat(number).as("the session's next customer").isNotNull();
            assertThat(dialled.add(number)).as("no lead twice: %s", number).isTrue();
            assertThat(passthru(session, number, "completed", 20).statusCode()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - back)).as("every session on again")
                .isLessThan(Duration.ofSeconds(10));
    }
}
