package io.progressivedialer.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A webhook reaches only its own session; during a key rotation the previous key is still taken. */
class WebhookOwnershipTest extends PassiveExotelTest {

    private static final String OTHER_CALL = "ffffffffffffffffffffffffffff0001";

    @Test
    void aWebhookOfAnotherCallNeverReachesASessionThatKnowsItsOwn() {
        String phone = newLeadPhone();
        JsonNode session = sessionThatDialled(phone);
        String sessionId = session.path("sessionId").asText();

        HttpResponse<String> outcome = webhook("/exotel/passthru", Map.of("CallSid", OTHER_CALL,
                "CustomField", sessionId, "DialCallStatus", "completed", "DialWhomNumber", "0" + phone.substring(3)));
        assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(404);
        assertThat(calls(sessionId).get(0).path("status").asText()).isEqualTo("dialling");

        HttpResponse<String> hungUp = postForm("/exotel/status?key=" + encode(exotel.webhookKey()),
                Map.of("CallSid", OTHER_CALL, "Status", "completed", "CustomField", sessionId));
        assertThat(hungUp.statusCode()).isEqualTo(404);
        assertThat(session(sessionId).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(session(sessionId).path("agentCallStatus").isMissingNode()).isTrue();

        HttpResponse<String> byAgentNumber = webhook("/exotel/passthru", Map.of("CallSid", OTHER_CALL,
                "CallFrom", "0" + "97" + "00000000", "DialCallStatus", "busy", "DialWhomNumber", "0" + phone.substring(3)));
        assertThat(byAgentNumber.statusCode()).isEqualTo(404);
    }

    @Test
    void thePreviousKeyIsTakenWhileTheKeyIsRotated() {
        String phone = newLeadPhone();
        JsonNode session = sessionThatDialled(phone);

        HttpResponse<String> outcome = get("/exotel/passthru?key=" + encode(PREVIOUS_WEBHOOK_KEY) + "&CallSid="
                + session.path("agentCallSid").asText() + "&DialCallStatus=completed&DialWhomNumber=0"
                + phone.substring(3) + "&CustomField=" + session.path("sessionId").asText());

        assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
        assertThat(get("/exotel/passthru?key=someone-elses-key&CallSid=" + session.path("agentCallSid").asText())
                .statusCode()).isEqualTo(401);
    }
}
