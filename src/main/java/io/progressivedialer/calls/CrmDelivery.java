package io.progressivedialer.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.common.Hashes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Posts the CRM outbox to {@code dialer.crm.webhook-url} as JSON, oldest first, away from Exotel's webhooks; each
 * message is claimed by one node before it is posted, its claim renewed for longer than a post may take just before
 * the post (a batch of slow posts outlasts any lease), and only the claim's holder records how it went. Each carries
 * its id in {@code X-Dialer-Event-Id} and {@code X-Dialer-Signature: sha256=<hex>}, the HMAC-SHA256 of the body with
 * {@code dialer.crm.secret}, so that the CRM knows the post is the dialer's.
 * A failed post is tried again after 1, 2, 4 ... seconds, at most 5 minutes apart, until the CRM takes it;
 * failures are logged and counted ({@code dialer.crm.failures}), the backlog is the gauge
 * {@code dialer.crm.pending}.
 */
@Component
@ConditionalOnProperty("dialer.crm.webhook-url")
class CrmDelivery {

    private static final Logger log = LoggerFactory.getLogger(CrmDelivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int BATCH = 50;

    private final CrmOutbox outbox;
    private final URI webhook;
    private final String secret;
    private final Duration postTimeout;
    /** Beyond any one post; a node that dies leaves its claims to the others once it is over. */
    private final Duration lease;
    private final Clock clock;
    private final Counter delivered;
    private final Counter failures;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CrmDelivery(CrmOutbox outbox, @Value("${dialer.crm.webhook-url}") String webhookUrl,
                @Value("${dialer.crm.secret:}") String secret,
                @Value("${dialer.crm.post-timeout:PT10S}") Duration postTimeout, Clock clock, MeterRegistry metrics) {
        if (secret.length() < 32) {
            throw new IllegalStateException("dialer.crm.secret must be set, at least 32 characters: the CRM checks "
                    + "X-Dialer-Signature with it to know a post is the dialer's");
        }
        this.outbox = outbox;
        this.webhook = URI.create(webhookUrl);
        this.secret = secret;
        this.postTimeout = postTimeout;
        this.lease = postTimeout.multipliedBy(2).plusSeconds(5);
        this.clock = clock;
        this.delivered = metrics.counter("dialer.crm.delivered");
        this.failures = metrics.counter("dialer.crm.failures");
        Gauge.builder("dialer.crm.pending", outbox, CrmOutbox::pending).register(metrics);
    }

    /** {@code sha256=} and the HMAC-SHA256 of the body with the secret, in hex. */
    String signature(String body) {
        return "sha256=" + Hashes.hmacSha256(secret, body);
    }

    @Scheduled(fixedDelayString = "${dialer.crm.poll-interval:PT0.5S}")
    void deliver() {
        for (CrmOutbox.Message message : outbox.claimDue(BATCH, lease)) {
            if (!outbox.renew(message, lease)) {
                continue; // its lease ran out while earlier posts were slow: another node has it now
            }
            String error = post(message);
            if (error == null) {
                outbox.delivered(message);
                delivered.increment();
            } else {
                failures.increment();
                Duration backoff = Duration.ofSeconds(1L << Math.min(message.attempts(), 9));
                Duration wait = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
                log.warn("CRM did not take {} {} (attempt {}): {}; next try in {}", message.kind(), message.id(),
                        message.attempts() + 1, error, wait);
                outbox.failed(message, error, clock.instant().plus(wait));
            }
        }
    }

    /** Null when the CRM took the message, else why not. */
    private String post(CrmOutbox.Message message) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(webhook)
                    .timeout(postTimeout)
                    .header("Content-Type", "application/json")
                    .header("X-Dialer-Event", message.kind())
                    .header("X-Dialer-Event-Id", Long.toString(message.id()))
                    .header("X-Dialer-Signature", signature(message.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(message.payload()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() / 100 == 2 ? null : "HTTP " + answer.statusCode();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
