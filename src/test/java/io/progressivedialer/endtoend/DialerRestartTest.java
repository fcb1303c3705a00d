package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.jar.JarFile;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dialer runs as its own process on a file database, with this test's application as its Exotel (the
 * stand-in, which keeps the agents' calls going and sends every webhook again until the dialer takes it). The
 * dialer is killed with SIGKILL while its agents are mid-call and started again on the same database: every
 * session carries on from where it was and ends for the right reason, every lead is dialled once, every call
 * gets its outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:restart-exotel;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=restartExotel",
        "dialer.demo.enabled=false",
        "dialer.simulator.time-scale=0.05",
        "dialer.simulator.webhook-retry-for=PT2M"})
class DialerRestartTest {

    private static final int DIALER_PORT = freePort();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:restart-secret".getBytes(StandardCharsets.UTF_8));
    private static final int AGENTS = 4;
    /** The dialer processes' own logs, kept for a failed run. */
    private static final Path LOGS = Path.of("target", "dialer-restart");
    private static final int LEADS_PER_AGENT = 8;

    @DynamicPropertySource
    static void dialerUnderTest(DynamicPropertyRegistry properties) {
        properties.add("dialer.simulator.target-url", () -> "http://localhost:" + DIALER_PORT);
    }

    @LocalServerPort
    int exotelPort;
    @TempDir
    Path dataDirectory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process dialer;

    @AfterEach
    void stopDialer() throws InterruptedException {
        if (dialer != null) {
            dialer.destroyForcibly().waitFor();
        }
    }

    @Test
    void sessionsKilledMidCallCarryOnAfterRestartAndEveryLeadIsDialledOnce() throws Exception {
        dialer = startDialer("first");
        List<String> agents = seed();
        List<String> sessions = new ArrayList<>();
        for (String agent : agents) {
            HttpResponse<String> started = post("/api/sessions", Map.of("agentId", agent, "campaignId", "restart"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            sessions.add(json.readTree(started.body()).path("sessionId").asText());
        }
        await(Duration.ofMinutes(1), () -> calls().size() >= AGENTS * 2);

        List<JsonNode> callsBeforeKill = calls();
        dialer.destroyForcibly().waitFor();
        dialer = startDialer("second");

        await(Duration.ofMinutes(3), () -> sessions.stream().allMatch(id -> "ENDED".equals(session(id).path("status").asText())));
        assertThat(callsBeforeKill).as("the kill came while agents were still dialling")
                .hasSizeLessThan(AGENTS * LEADS_PER_AGENT)
                .anySatisfy(call -> assertThat(call.path("outcomeAt").isMissingNode()).as("a call in progress").isTrue());
        assertThat(sessions).allSatisfy(id ->
                assertThat(session(id).path("endReason").asText()).isEqualTo("NO_LEADS"));
        List<JsonNode> calls = calls();
        Map<Long, Long> callsPerLead = calls.stream()
                .collect(Collectors.groupingBy(call -> call.path("leadId").asLong(), Collectors.counting()));
        List<JsonNode> leads = list("/api/leads?campaign=restart");
        assertThat(leads).hasSize(AGENTS * LEADS_PER_AGENT).allSatisfy(lead -> {
            assertThat(callsPerLead.get(lead.path("id").asLong())).as("calls to " + lead.path("phone")).isEqualTo(1L);
            assertThat(lead.path("attempts").asInt()).isEqualTo(1);
            assertThat(lead.path("status").asText()).isNotIn("NEW", "DIALLING");
            assertThat(lead.path("reservedBy").isMissingNode() || lead.path("reservedBy").isNull()).isTrue();
        });
        assertThat(calls).allSatisfy(call -> assertThat(call.path("status").asText())
                .as("outcome of the call to " + call.path("number")).isIn("completed", "busy", "no-answer", "failed"));
        JsonNode running = json.readTree(get("/engine-rest/process-instance/count?processDefinitionKey=agent-session").body());
        assertThat(running.path("count").asInt()).isZero();
    }

    /** The dialer's own JVM, from this test's class path, on the file database. */
    private Process startDialer(String run) throws IOException, InterruptedException {
        Files.createDirectories(LOGS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process started = new ProcessBuilder(java, "-Xmx768m", "-cp", classPath(),
                "io.progressivedialer.DialerApplication",
                "--server.port=" + DIALER_PORT,
                // WRITE_DELAY=0: H2 writes each commit before answering; by default it keeps the last half second
                // in memory, and a killed process loses it, answers Exotel has already acted on included
                "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("dialer")
                        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0",
                "--camunda.bpm.process-engine-name=restartedDialer",
                // jobs the killed process had locked are taken up again after this long
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--dialer.exotel.base-url=http://localhost:" + exotelPort + "/exotel-stand-in",
                "--dialer.admin.username=admin",
                "--dialer.admin.password=restart-secret",
                "--dialer.demo.enabled=false",
                "--dialer.session.idle-timeout=PT5S",
                "--dialer.session.outcome-timeout=PT30S",
                "--dialer.inbox.orphaned-after=PT3S",
                "--logging.level.root=WARN",
                "--logging.level.io.progressivedialer=INFO")
                // its own working directory, as when deployed: Spring's class path scan also finds the source tree's
                // bpmn/ and dmn/ through the working directory, and the engine refuses a process twice in one deployment
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(run + ".log").toFile())
                .start();
        await(Duration.ofMinutes(2), () -> {
            assertThat(started.isAlive()).as(() -> "the dialer process stopped:\n" + tail(run)).isTrue();
            try {
                return get("/actuator/health").statusCode() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        return started;
    }

    /**
     * This test's class path. Surefire may start the tests from a jar whose manifest names the class path; the
     * dialer gets the list itself, or Spring would find every resource twice, through the jar and directly.
     */
    private static String classPath() throws IOException {
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return classPath;
        }
        try (JarFile jar = new JarFile(classPath)) {
            URI base = Path.of(classPath).toUri();
            return Arrays.stream(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "))
                    .filter(entry -> !entry.isBlank())
                    .map(entry -> Path.of(base.resolve(entry)).toString())
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    private String tail(String run) {
        try {
            List<String> lines = Files.readAllLines(LOGS.resolve(run + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<String> seed() {
        assertThat(post("/api/campaigns", Map.of("id", "restart", "name", "Restart", "callerId", "07314853246",
                "flowAppId", "383431", "timezone", "Asia/Kolkata", "callWindowStart", "00:00",
                "callWindowEnd", "23:59")).statusCode()).isEqualTo(200);
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        List<String> agents = IntStream.range(0, AGENTS).mapToObj(a -> "restart-agent-" + a).toList();
        for (int a = 0; a < AGENTS; a++) {
            assertThat(post("/api/agents", Map.of("id", agents.get(a), "name", "Agent " + a,
                    "phone", "+91995000%04d".formatted(a))).statusCode()).isEqualTo(200);
            for (int l = 0; l < LEADS_PER_AGENT; l++) {
                csv.append("+91985000%04d,Lead,%s,1,\n".formatted(a * 100 + l, agents.get(a)));
            }
        }
        HttpResponse<String> imported = send(HttpRequest.newBuilder(uri("/api/campaigns/restart/leads"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        return agents;
    }

    private JsonNode session(String id) {
        try {
            return json.readTree(get("/api/sessions/" + id).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> calls() {
        return list("/api/calls?limit=10000");
    }

    private List<JsonNode> list(String path) {
        try {
            return StreamSupport.stream(json.readTree(get(path).body()).spliterator(), false).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", ADMIN).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + DIALER_PORT + path);
    }

    private static void await(Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + patience).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
