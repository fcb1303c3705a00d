package io.progressivedialer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A CRM on loopback that records what the dialer posts, and can be told to fail the next requests. */
public final class CrmReceiver {

    /** A post: its event kind, its id ({@code X-Dialer-Event-Id}), its body and {@code X-Dialer-Signature}. */
    public record Received(String event, String eventId, String body, String signature) {

        /** Whether the signature is the HMAC-SHA256 of the body with {@code secret}, as the dialer signs. */
        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
                        .equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger failuresServed = new AtomicInteger();
    private volatile long answerAfterMillis;

    public CrmReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/crm", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            pause(answerAfterMillis);
            boolean fail = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (fail) {
                failuresServed.incrementAndGet();
            } else {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Dialer-Event"),
                        exchange.getRequestHeaders().getFirst("X-Dialer-Event-Id"), body,
                        exchange.getRequestHeaders().getFirst("X-Dialer-Signature")));
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        // several posts at once, as a CRM behind its own balancer takes them
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** From now on each post is answered only after {@code delay} (zero: at once), as a slow CRM does. */
    public void answerAfter(Duration delay) {
        answerAfterMillis = delay.toMillis();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
