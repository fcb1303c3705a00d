package io.progressivedialer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A CRM on loopback that records what the dialer posts, and can be told to fail the next requests. */
public final class CrmReceiver {

    /** A post: its event kind, its id ({@code X-Dialer-Event-Id}) and its body. */
    public record Received(String event, String eventId, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger failuresServed = new AtomicInteger();

    public CrmReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/crm", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (fail) {
                failuresServed.incrementAndGet();
            } else {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Dialer-Event"),
                        exchange.getRequestHeaders().getFirst("X-Dialer-Event-Id"), body));
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm";
    }

    public void failNext(int requests) {
        failuresToServe.set(requests);
    }

    public int failuresServed() {
        return failuresServed.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }
}
