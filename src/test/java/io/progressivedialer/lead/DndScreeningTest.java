package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.simulator.StandInCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only Exotel's answer about a number keeps a lead from being dialled as DND: Exotel refusing the dialer's account
 * (a rotated token, a proxy) stops screening and raises the alarm while the leads wait, and leads once set aside so
 * by mistake are screened again from the API.
 */
class DndScreeningTest extends PassiveExotelTest {

    private static final String REGISTERED = "+919800000001";

    @Autowired
    StandInCalls standIn;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    private List<String> statuses(String campaign) {
        return read(get("/api/leads?campaign=" + campaign)).findValuesAsText("status");
    }

    private double alarm() {
        return meters.get("dialer.exotel.account.refused").gauge().value();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static String csv(String agent, int count) {
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int i = 0; i < count; i++) {
            csv.append(newLeadPhone()).append(",Lead ").append(i).append(',').append(agent).append(",1,\n");
        }
        return csv.toString();
    }

    @Test
    void aNumbersApiAnswering401MarksNoLeadDndStopsScreeningAndRaisesTheAlarm() {
        String campaign = newCampaign();
        String agent = newAgent();
        standIn.refuseNumbersWith(401);
        try {
            assertThat(post("/api/campaigns/" + campaign + "/leads", "text/csv", csv(agent, 12)).statusCode())
                    .isEqualTo(200);
            await(() -> alarm() == 1, "the alarm raised");
            int askedBefore = standIn.numbersAsked();
            sleep(1_500);

            assertThat(statuses(campaign)).hasSize(12).containsOnly("NEW");
            assertThat(leadRepository.summary(campaign).awaitingScreening()).as("the leads wait").isEqualTo(12);
            assertThat(standIn.numbersAsked() - askedBefore)
                    .as("screening holds back: a try every half second, not one every 50 ms").isLessThan(10);
            JsonNode screening = read(get("/api/stats")).path("screening");
            assertThat(screening.path("awaitingLeads").asInt()).as("the wallboard's backlog")
                    .isGreaterThanOrEqualTo(12);
            assertThat(screening.path("callsPerMinute").asInt()).isEqualTo(100000);
            assertThat(screening.path("throughAt").isTextual()).isTrue();
            assertThat(meters.get("dialer.leads.awaiting.screening").gauge().value()).isGreaterThanOrEqualTo(12);
            JsonNode exotel = read(get("/actuator/health")).path("components").path("exotel");
            assertThat(exotel.path("status").asText()).isEqualTo("DOWN");
            assertThat(exotel.path("details").path("reason").asText()).contains("401");
        } finally {
            standIn.refuseNumbersWith(0);
        }

        awaitScreening(campaign);
        assertThat(read(get("/api/stats")).path("screening").path("callsLastMinute").asInt())
                .as("the numbers asked spent the budget").isPositive();
        assertThat(statuses(campaign)).hasSize(12).containsOnly("NEW");
        assertThat(leadRepository.summary(campaign).ready()).isEqualTo(12);
        assertThat(alarm()).isZero();
        assertThat(read(get("/actuator/health")).path("components").path("exotel").path("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void leadsSetAsideAsDndByMistakeAreScreenedAgainFromTheApiAndRegisteredNumbersStayAside() {
        String campaign = newCampaign();
        String agent = newAgent();
        String first = newLeadPhone();
        String second = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + first + ",A," + agent + ",1,\n" + second
                + ",B," + agent + ",1,\n" + REGISTERED + ",Registered," + agent + ",1,\n");
        // the registered number as selection sets it aside, the others as the screening once did when Exotel
        // refused the dialer's credentials
        jdbc.sql("update lead set status = 'DND', ready = false where campaign_id = ?").param(campaign).update();

        JsonNode answer = read(postJson("/api/leads/rescreen-dnd", Map.of("campaignId", campaign)));

        assertThat(answer.path("rescreened").asInt()).isEqualTo(2);
        awaitScreening(campaign);
        List<String> statuses = new ArrayList<>();
        for (String phone : List.of(first, second, REGISTERED)) {
            statuses.add(read(get("/api/leads?campaign=" + campaign + "&q=" + encode(phone))).get(0).path("status")
                    .asText());
        }
        assertThat(statuses).containsExactly("NEW", "NEW", "DND");
        assertThat(postJson("/api/leads/rescreen-dnd", Map.of("campaignId", "no-such-campaign")).statusCode())
                .isEqualTo(404);
        assertThat(postJson("/api/leads/rescreen-dnd", Map.of()).statusCode()).isEqualTo(400);
    }
}
