package io.progressivedialer.webhook;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A webhook the dialer cannot use gets a clear 4xx and changes nothing. */
class WebhookBadInputTest extends PassiveExotelTest {

    private JsonNode session;
    private String number;

    @BeforeEach
    void sessionWithOneDialledCall() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Lead," + agent + ",1,\n");
        session = startConnectedSession(agent, campaign);
        number = dialWhom(session);
    }

    private Map<String, String> passthruParams() {
        Map<String, String> params = new HashMap<>();
        params.put("CallSid", session.path("agentCallSid").asText());
        params.put("DialCallStatus", "completed");
        params.put("DialWhomNumber", number);
        params.put("DialCallDuration", "12");
        return params;
    }

    /** The passthru of the dialled call with one parameter changed, or left out when {@code value} is null. */
    private HttpResponse<String> passthruWith(String name, String value) {
        Map<String, String> params = passthruParams();
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return webhook("/exotel/passthru", params);
    }

    private void assertNothingRecorded() {
        assertThat(calls(session.path("sessionId").asText())).singleElement()
                .satisfies(call -> assertThat(call.path("status").asText()).isEqualTo("dialling"));
        assertThat(processInstance(session)).isNotNull();
    }

    private void assertRefused(HttpResponse<String> answer, int status, String messagePart) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(read(answer).path("message").asText()).contains(messagePart);
        assertNothingRecorded();
    }

    @Test
    void aMissingOrWrongKeyIsUnauthorised() {
        String query = "CallSid=" + session.path("agentCallSid").asText() + "&DialCallStatus=completed&DialWhomNumber="
                + encode(number);
        assertRefused(get("/exotel/passthru?" + query), 401, "webhook key");
        assertRefused(get("/exotel/passthru?key=wrong&" + query), 401, "webhook key");
        assertRefused(get("/exotel/dial-whom?key=&CallSid=" + session.path("agentCallSid").asText()), 401, "webhook key");
        assertRefused(postForm("/exotel/status?key=nope", Map.of("CallSid", "x", "Status", "completed")), 401,
                "webhook key");
    }

    @Test
    void missingOrMalformedFieldsAreBadRequests() {
        assertRefused(passthruWith("CallSid", null), 400, "CallSid is missing");

        assertRefused(passthruWith("CallSid", "<script>"), 400, "not a call Sid");

        assertRefused(passthruWith("DialCallStatus", "exploded"), 400, "DialCallStatus must be one of");

        assertRefused(passthruWith("DialCallDuration", "ten"), 400, "not a number of seconds");

        assertRefused(passthruWith("DialWhomNumber", "0799567xxxx"), 400, "valid phone number");

        assertRefused(passthruWith("RecordingUrl", "https://x/" + "a".repeat(2000)), 400, "longer than");
        assertRefused(passthruWith("CallType", "c".repeat(40)), 400, "CallType is longer than 32");
        assertRefused(passthruWith("Legs[0][Cause]", "9".repeat(17)), 400, "Legs[0][Cause] is longer than 16");

        assertRefused(webhook("/exotel/popup", Map.of("CallSid", session.path("agentCallSid").asText(),
                "DialWhomNumber", number, "EventType", "Exploded")), 400, "EventType must be one of");

        assertRefused(postForm("/exotel/status?key=" + encode(exotel.webhookKey()),
                Map.of("CallSid", session.path("agentCallSid").asText(), "Status", "maybe")), 400, "Status must be one of");

        assertRefused(webhook("/exotel/ready", Map.of("CallSid", session.path("agentCallSid").asText(),
                "digits", "\"1; drop table lead\"")), 400, "digits are not keypad keys");
        assertRefused(webhook("/exotel/ready", Map.of("CallSid", session.path("agentCallSid").asText(),
                "digits", "\"" + "1".repeat(40) + "\"")), 400, "digits are not keypad keys");
        assertRefused(get("/exotel/ready?key=wrong&CallSid=" + session.path("agentCallSid").asText()), 401,
                "webhook key");
    }

    @Test
    void unknownSessionsAndCallsAreNotFound() {
        assertRefused(passthruWith("CallSid", "ffffffffffffffffffffffffffffffff"), 404, "no session");

        assertRefused(passthruWith("DialWhomNumber", "+919812345678"), 404, "has not dialled");

        assertRefused(webhook("/exotel/dial-whom", Map.of("CallSid", "ffffffffffffffffffffffffffffffff",
                "CallFrom", "07000000001")), 404, "no session");

        assertRefused(webhook("/exotel/ready", Map.of("CallSid", "ffffffffffffffffffffffffffffffff",
                "CallFrom", "07000000001", "digits", "\"1\"")), 404, "no session");
    }
}
