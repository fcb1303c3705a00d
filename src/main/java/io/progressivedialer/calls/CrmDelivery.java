package io.progressivedialer.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * message is claimed by one node before it is posted, and carries its id in {@code X-Dialer-Event-Id} for the CRM.
 * A failed post is tried again after 1, 2, 4 ... seconds, at most 5 minutes apart, until the CRM takes it;
 * failures are logged and counted ({@code dialer.crm.failures}), the backlog is the gauge
 * {@code dialer.crm.pending}.
 */
@Component
@ConditionalOnProperty("dialer.crm.webhook-url")
class CrmDelivery {

    private static final Logger log = LoggerFactory.getLogger(CrmDelivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Long enough to post a whole batch at the post's timeout; a node that dies leaves its claim to the others. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final CrmOutbox outbox;
    private final URI webhook;
    private final Clock clock;
    private final Counter delivered;
    private final Counter failures;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CrmDelivery(CrmOutbox outbox, @Value("${dialer.crm.webhook-url}") String webhookUrl, Clock clock,
                MeterRegistry metrics) {
        this.outbox = outbox;
        this.webhook = URI.create(webhookUrl);
        this.clock = clock;
        this.delivered = metrics.counter("dialer.crm.delivered");
        this.failures = metrics.counter("dialer.crm.failures");
        Gauge.builder("dialer.crm.pending", outbox, CrmOutbox::pending).register(metrics);
    }

    @Scheduled(fixedDelayString = "${dialer.crm.poll-interval:PT0.5S}")
    void deliver() {
        for (CrmOutbox.Message message : outbox.claimDue(50, LEASE)) {
            String error = post(message);
            if (error == null) {
                outbox.delivered(message.id());
                delivered.increment();
            } else {
                failures.increment();
                Duration backoff = Duration.ofSeconds(1L << Math.min(message.attempts(), 9));
                Duration wait = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
                log.warn("CRM did not take {} {} (attempt {}): {}; next try in {}", message.kind(), message.id(),
                        message.attempts() + 1, error, wait);
                outbox.failed(message.id(), error, clock.instant().plus(wait));
            }
        }
    }

    /** Null when the CRM took the message, else why not. */
    private String post(CrmOutbox.Message message) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(webhook)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Dialer-Event", message.kind())
                    .header("X-Dialer-Event-Id", Long.toString(message.id()))
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
