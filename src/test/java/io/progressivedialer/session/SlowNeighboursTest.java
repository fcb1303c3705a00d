package io.progressivedialer.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.simulator.StandInCalls;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slow neighbours never stall the floor: while Exotel's look-ups and the CRM answer only after 10 s, and the sweeps
 * that call them (DND screening on the Numbers API, CRM delivery) wait on them, an agent's desk still gets each event
 * within a second and a webhook kept pending is applied at the inbox sweep's next round.
 */
class SlowNeighboursTest extends PassiveExotelTest {

    private static final Duration SLOW = Duration.ofSeconds(10);
    /** The inbox sweep runs every second ({@code dialer.inbox.retry-interval}); applying takes a few milliseconds. */
    private static final Duration ONE_SWEEP = Duration.ofMillis(1500);

    @Autowired
    StandInCalls standIn;
    @Autowired
    WebhookInbox inbox;

    @AfterEach
    void neighboursFastAgain() {
        standIn.answerLookUpsAfter(Duration.ZERO);
        CRM.answerAfter(Duration.ZERO);
    }

    @Test
    void deskEventsAndPendingWebhooksGoOnWhileExotelAndTheCrmAnswerAfterTenSeconds() throws Exception {
        String campaign = newCampaign();
        String agent = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Asha Rao," + agent + ",5,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        BlockingQueue<DeskEvent> desk = listenToDesk(agent);

        standIn.answerLookUpsAfter(SLOW);
        CRM.answerAfter(SLOW);
        int numbersAsked = standIn.numbersAsked();
        String waitingCampaign = newCampaign();
        HttpResponse<String> imported = post("/api/campaigns/" + waitingCampaign + "/leads", "text/csv",
                "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Screened slowly,,1,\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        awaitUntil(() -> standIn.numbersAsked() > numbersAsked);

        // the dialling card goes to the desk, and to the CRM, which now holds its delivery for 10 s
        assertThat(dialWhom(session)).isEqualTo(phone);
        assertThat(nextWithinASecond(desk)).isEqualTo("state");
        assertThat(nextWithinASecond(desk)).isEqualTo("dialling");
        sleep(1000);

        long sent = System.nanoTime();
        assertThat(webhook("/exotel/popup", popup(session, phone, "Dial")).statusCode()).isEqualTo(200);
        assertThat(nextWithinASecond(desk)).as("a desk event while the neighbours are slow").isEqualTo("call");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));

        String sessionId = session.path("sessionId").asText();
        long callId = calls(sessionId).get(0).path("id").asLong();
        inbox.receive("popup", "popup:" + callId + ":Answered", sessionId, new SessionWebhooks.Delivery(
                SessionWebhooks.CUSTOMER_CALL_EVENT, Map.of(SessionVariables.CALL_RECORD_ID, callId,
                        SessionVariables.EVENT_TYPE, "Answered")), WebhookInbox.State.PENDING);
        long kept = System.nanoTime();
        awaitUntil(() -> "answered".equals(calls(sessionId).get(0).path("status").asText()));
        assertThat(Duration.ofNanos(System.nanoTime() - kept)).as("a pending webhook applied while the neighbours "
                + "are slow").isLessThan(ONE_SWEEP);

        assertThat(leadRepository.summary(waitingCampaign).awaitingScreening())
                .as("screening still waits for Exotel meanwhile").isEqualTo(1);
        assertThat(CRM.received().stream().noneMatch(post -> post.body().contains(sessionId)))
                .as("the CRM still holds the first post meanwhile").isTrue();

        // the neighbours recover: nothing they were asked meanwhile is lost
        neighboursFastAgain();
        awaitScreening(waitingCampaign);
        awaitUntil(() -> CRM.received().stream().anyMatch(post -> post.body().contains(sessionId)));
    }

    private static String nextWithinASecond(BlockingQueue<DeskEvent> events) throws InterruptedException {
        DeskEvent event = events.poll(1, TimeUnit.SECONDS);
        return event == null ? null : event.name();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            sleep(20);
        }
    }
}
