package io.progressivedialer.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.CrmReceiver;
import io.progressivedialer.PassiveExotelTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two nodes deliver the CRM outbox of one database to a CRM that takes a second to answer each post, longer than
 * a batch's first claim lasts (twelve posts outlast it): each event still reaches the CRM once, signed.
 */
class CrmDeliveryTest extends PassiveExotelTest {

    @Autowired
    CrmOutbox outbox;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;

    @Test
    void aSlowCrmGetsEachEventOnceFromTwoNodesAndEachPostIsSigned() throws InterruptedException {
        // this test context's own delivery is the first node; the second shares its database and settings
        CrmDelivery secondNode = new CrmDelivery(outbox, CRM.url(), CRM_SECRET, Duration.ofMillis(1500), clock,
                meters);
        String run = "slow-crm-" + System.nanoTime();
        CRM.answerAfter(Duration.ofSeconds(1));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread second = new Thread(() -> {
            while (running.get()) {
                secondNode.deliver();
                sleep(100);
            }
        });
        try {
            second.start();
            IntStream.range(0, 12).forEach(i -> outbox.enqueue("call", Map.of("run", run, "n", i)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ofRun(run).size() < 12 && System.nanoTime() < deadline) {
                sleep(100);
            }
            sleep(3_000); // a post given twice would have arrived by now
        } finally {
            running.set(false);
            second.join();
            CRM.answerAfter(Duration.ZERO);
        }

        List<CrmReceiver.Received> received = ofRun(run);
        assertThat(received).hasSize(12);
        assertThat(received.stream().collect(Collectors.groupingBy(CrmReceiver.Received::eventId,
                Collectors.counting()))).as("posts per event").hasSize(12).allSatisfy((id, posts) ->
                assertThat(posts).isOne());
        assertThat(received).allSatisfy(post -> {
            assertThat(post.signedWith(CRM_SECRET)).as("signed with dialer.crm.secret").isTrue();
            assertThat(post.signedWith("another-secret-entirely-0123456789")).isFalse();
        });
    }

    private static List<CrmReceiver.Received> ofRun(String run) {
        return CRM.received().stream().filter(post -> post.body().contains(run)).toList();
    }
}
