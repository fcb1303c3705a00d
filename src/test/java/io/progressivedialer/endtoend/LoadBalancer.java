package io.progressivedialer.endtoend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of a cluster, as small as a test needs: each request goes to the next node in turn;
 * a node that cannot be reached is passed over, as a balancer's health check would, and a request that finds no
 * node is tried again a few times (a kept-alive connection the node has just closed fails once) before a 502.
 */
final class LoadBalancer implements AutoCloseable {

    private static final Set<String> FORWARDED_HEADERS = Set.of("content-type", "authorization", "accept");

    private final HttpServer server;
    private static final int ROUNDS = 3;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<URI> nodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    LoadBalancer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 100);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::forward);
        server.start();
    }

    void add(URI node) {
        nodes.add(node);
    }

    /** Forgets every node: the next test brings its own. */
    void clear() {
        nodes.clear();
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        for (int tried = 0; tried < nodes.size() * ROUNDS; tried++) {
            if (tried > 0 && tried % nodes.size() == 0) {
                pause();
            }
            URI node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            try {
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                reply(exchange, answer.statusCode(), answer.body());
                return;
            } catch (IOException unreachable) {
                // the next node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        reply(exchange, 502, "no node reachable".getBytes());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
