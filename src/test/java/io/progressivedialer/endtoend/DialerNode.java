package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The dialer in a JVM of its own, from its own class path, as it runs in production: started, waited for until
 * healthy, and killed with SIGKILL. Its log is kept under {@code target/dialer-nodes/}.
 */
public final class DialerNode {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "node-secret";
    /** The webhook key of the nodes and of the test's Exotel: a real account takes no demo or short key. */
    static final String WEBHOOK_KEY = "node-webhook-key-0123456789abcdef0123";
    /** The account the nodes use and the test's Exotel takes: a real account takes none of the demo's. */
    static final String ACCOUNT_SID = "node-test-account";
    static final String API_KEY = "node-test-api-key";
    static final String API_TOKEN = "node-test-api-token";
    private static final Path LOGS = Path.of("target", "dialer-nodes");

    private final String name;
    private final int port;
    private final Process process;

    private DialerNode(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a node on {@code port} in {@code workDirectory} with Exotel at {@code exotelUrl}; {@code settings} are
     * further {@code --name=value} arguments, {@code environment} its environment variables.
     */
    static DialerNode start(String name, int port, Path workDirectory, String exotelUrl, List<String> settings,
                            Map<String, String> environment) throws IOException, InterruptedException {
        // the JIT's quick tier only: these nodes serve a few agents for a minute and start in four fifths of the time
        // without the optimising compiler competing for the machine's two cores (benchmarks' nodes keep both tiers)
        return launch(name, port, workDirectory, List.of("-XX:TieredStopAtLevel=1"), List.of(
                "--dialer.exotel.base-url=" + exotelUrl + "/exotel-stand-in",
                "--dialer.admin.username=" + ADMIN_USER,
                "--dialer.admin.password=" + ADMIN_PASSWORD,
                "--dialer.exotel.webhook-key=" + WEBHOOK_KEY,
                "--dialer.exotel.account-sid=" + ACCOUNT_SID,
                "--dialer.exotel.api-key=" + API_KEY,
                "--dialer.exotel.api-token=" + API_TOKEN), settings, environment);
    }

    /**
     * Starts a node that answers Exotel's API with its own embedded stand-in, as the demo does (login demo / demo,
     * the demo's webhook key), but without the demo's data.
     */
    public static DialerNode startWithStandIn(String name, int port, Path workDirectory, List<String> settings,
                                              Map<String, String> environment) throws IOException, InterruptedException {
        return launch(name, port, workDirectory, List.of(), List.of("--dialer.simulator.drive-flow=false"), settings,
                environment);
    }

    private static DialerNode launch(String name, int port, Path workDirectory, List<String> jvmOptions,
                                     List<String> exotel, List<String> settings, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(LOGS);
        Files.createDirectories(workDirectory);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), "io.progressivedialer.DialerApplication",
                "--server.port=" + port,
                "--dialer.demo.enabled=false",
                // jobs a killed node had locked are taken up again after this long
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--logging.level.root=WARN",
                "--logging.level.io.progressivedialer=INFO"));
        command.addAll(exotel);
        command.addAll(settings);
        // defaults that settings may override: a property given twice on the command line would be both values
        for (String setting : List.of("--dialer.public-url=http://localhost:" + port,
                "--dialer.exotel.calls-per-minute=100000")) {
            String property = setting.substring(0, setting.indexOf('=') + 1);
            if (settings.stream().noneMatch(given -> given.startsWith(property))) {
                command.add(setting);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                // its own working directory, as when deployed: Spring's class path scan also finds the source tree's
                // bpmn/ and dmn/ through the working directory, and the engine refuses a process twice in one deployment
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        DialerNode node = new DialerNode(name, port, builder.start());
        DialerApi api = node.api();
        await(Duration.ofMinutes(2), () -> {
            assertThat(node.process.isAlive()).as(() -> "dialer node " + name + " stopped:\n" + node.tail()).isTrue();
            return api.isHealthy();
        });
        return node;
    }

    DialerApi api() {
        return new DialerApi(URI.create("http://localhost:" + port), ADMIN_USER, ADMIN_PASSWORD);
    }

    /** The node's operating-system process: its CPU time is in /proc. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + patience).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * The dialer's own class path, as it runs in production: its classes and its runtime libraries, which the build
     * lists in {@code target/runtime-class-path.txt}; not the test libraries, some of which Spring Boot would pick up
     * and configure (OpenTelemetry, from the browser driver).
     */
    private static String classPath() throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        return target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("runtime-class-path.txt")).strip();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(LOGS.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
