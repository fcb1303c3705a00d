package io.progressivedialer.webhook;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random garbage in every webhook parameter, around a live session: the dialer answers 2xx or 4xx, never 5xx.
 * The seed is fixed so that a failure can be replayed.
 */
class WebhookFuzzTest extends PassiveExotelTest {

    static final long SEED = 20261124L;
    static final int ROUNDS = 400;

    static final List<String> NAMES = List.of("CallSid", "CallFrom", "CallTo", "CustomField", "DialWhomNumber",
            "DialCallStatus", "DialCallDuration", "CallType", "EventType", "Status", "RecordingUrl",
            "Legs[0][Number]", "Legs[0][OnCallDuration]", "Legs[0][CauseCode]", "Legs[0][Cause]", "Created");

    private String garbage(Random random, JsonNode session, String number) {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> session.path("agentCallSid").asText();
            case 3 -> number;
            case 4 -> "0" + number.substring(3);
            case 5 -> String.valueOf(random.nextLong());
            case 6 -> "-" + random.nextInt(1000);
            case 7 -> "x".repeat(random.nextInt(3000));
            case 8 -> List.of("completed", "busy", "no-answer", "failed", "canceled", "Dial", "Answered",
                    "Terminal", "free").get(random.nextInt(9));
            case 9 -> "'; drop table lead; --";
            case 10 -> "\u00e9\u4e2d\u0000\ud83d\ude00";
            default -> session.path("sessionId").asText();
        };
    }

    @Test
    void noWebhookParameterEverCausesAServerError() {
        String campaign = newCampaign();
        String agent = newAgent();
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int i = 0; i < 30; i++) {
            csv.append(newLeadPhone()).append(",Lead,").append(agent).append(",1,\n");
        }
        importLeads(campaign, csv.toString());
        JsonNode session = startConnectedSession(agent, campaign);
        String number = dialWhom(session);
        Random random = new Random(SEED);

        for (int round = 0; round < ROUNDS; round++) {
            Map<String, String> params = new HashMap<>();
            for (String name : NAMES) {
                if (random.nextInt(3) > 0) {
                    params.put(name, garbage(random, session, number));
                }
            }
            String path = List.of("/exotel/dial-whom", "/exotel/popup", "/exotel/passthru").get(random.nextInt(3));
            HttpResponse<String> answer = random.nextInt(4) == 0
                    ? postForm("/exotel/status?key=" + encode(exotel.webhookKey()), params)
                    : webhook(path, params);
            assertThat(answer.statusCode()).as("round %d: %s %s -> %s", round, path, params, answer.body())
                    .isLessThan(500);
        }
    }
}
