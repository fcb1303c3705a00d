package io.progressivedialer.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.simulator.StandInCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exotel's own sample webhooks from its progressive-dialer guide, sent byte for byte (spaces percent-encoded,
 * brackets raw) to a real server, and what the dialer answered and stored.
 */
class ExotelWebhookSamplesTest extends PassiveExotelTest {

    static final String DIAL_WHOM_SAMPLE = "CallFrom=07709562799&CallSid=066b197844c030d6737dac19cca6157p"
            + "&CallStatus=in-progress&CallTo=07314853246&CallType=call-attempt&Created=Sun, 25 Jul 2021 14:56:12"
            + "&CurrentTime=2021-07-25 14:56:14&DialCallDuration=0&DialWhomNumber=&Direction=incoming"
            + "&EndTime=1970-01-01 05:30:00&From=07709562799&StartTime=2021-07-25 14:56:12&To=07314853246"
            + "&flow_id=383431&tenant_id=53926";

    static final String PASSTHRU_INCOMPLETE_SAMPLE = "CallFrom=077095xxxx&CallSid=0e50bc001da69c238b55b56a0a1c157e"
            + "&CallTo=07314853246&CallType=client-hangup&Created=Wed, 14 Jul 2021 15:36:22"
            + "&CurrentTime=2021-07-14 15:36:43&DialCallDuration=0&DialCallStatus=canceled"
            + "&DialWhomNumber=07995679243&Direction=incoming&EndTime=1970-01-01 05:30:00&ForwardedFrom=null"
            + "&From=0770956xx&Legs[0][Number]=07995679xx&Legs[0][Type]=single&Legs[0][OnCallDuration]=0"
            + "&Legs[0][CauseCode]=RING_TIMEOUT&Legs[0][Cause]=1003&OutgoingPhoneNumber=07314853246"
            + "&ProcessStatus=null&StartTime=2021-07-14 15:36:22&To=07314853246&flow_id=383431&tenant_id=53926";

    static final String PASSTHRU_COMPLETED_SAMPLE = "CallFrom=0770956xxx&CallSid=3edd4e59486d063b46403496ad3e157e"
            + "&CallTo=07314853246&CallType=completed&Created=Wed, 14 Jul 2021 15:40:07"
            + "&CurrentTime=2021-07-14 15:40:55&DialCallDuration=40&DialCallStatus=completed"
            + "&DialWhomNumber=0799567xxxx&Direction=incoming&EndTime=1970-01-01 05:30:00&ForwardedFrom=null"
            + "&From=077095627xx&Legs[0][Number]=07995679243&Legs[0][Type]=single&Legs[0][OnCallDuration]=31"
            + "&Legs[0][CauseCode]=NORMAL_CLEARING&Legs[0][Cause]=16&OutgoingPhoneNumber=07314853246"
            + "&ProcessStatus=null&RecordingAvailableBy=Wed, 14 Jul 2021 15:45:55"
            + "&RecordingUrl=https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/skillstreet/3edd4e59486d063b46403496xxx3e157e.mp3"
            + "&StartTime=2021-07-14 15:40:07&To=07314853246&flow_id=383431&tenant_id=53926";

    static final String SAMPLE_CUSTOMER = "+917995679243";

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    StandInCalls standIn;

    record RawAnswer(int status, String body) {
    }

    /** Sends a GET exactly as written, brackets and all, which java.net.URI would refuse to carry. */
    RawAnswer rawGet(String path, String query) throws IOException {
        String target = path + "?key=" + encode(exotel.webhookKey()) + "&" + query.replace(" ", "%20");
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new RawAnswer(status, body.trim());
        }
    }

    /** A session scripted so that Exotel's sample CallSid is its agent leg, having dialled the sample customer. */
    private JsonNode sessionThatDialledTheSampleCustomer(String callSid) {
        standIn.answerNextConnectsWith(callSid);
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n07995679243,Sample customer," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(session.path("agentCallSid").asText()).isEqualTo(callSid);
        assertThat(dialWhom(session)).isEqualTo(SAMPLE_CUSTOMER);
        return session;
    }

    @Test
    void dialWhomSampleGetsTheAgentsNextLeadInExotelsJson() throws IOException {
        String campaign = newCampaign();
        assertThat(postJson("/api/agents", Map.of("id", "sample-agent", "name", "Sample agent",
                "phone", "07709562799")).statusCode()).isEqualTo(200);
        importLeads(campaign, "phone,name,agent,priority,timezone\n+919876543210,Asha,sample-agent,5,\n");
        // the agent's call is the one the sample names: a session that knows its call takes no other's webhooks
        standIn.answerNextConnectsWith("066b197844c030d6737dac19cca6157p");
        startConnectedSession("sample-agent", campaign);

        RawAnswer answer = rawGet("/exotel/dial-whom", DIAL_WHOM_SAMPLE);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = this.json.readTree(answer.body());
        assertThat(json.path("destination").path("numbers").get(0).asText()).isEqualTo("+919876543210");
        assertThat(json.path("fetch_after_attempt").asBoolean()).isFalse();
        assertThat(json.path("outgoing_phone_number").asText()).isEqualTo("+917314853246");
        assertThat(json.path("record").asBoolean()).isTrue();
        assertThat(json.path("recording_channels").asText()).isEqualTo("dual");
        assertThat(json.path("max_ringing_duration").asInt()).isEqualTo(30);
        assertThat(json.path("max_conversation_duration").asInt()).isEqualTo(3600);

        RawAnswer repeated = rawGet("/exotel/dial-whom", DIAL_WHOM_SAMPLE);
        assertThat(this.json.readTree(repeated.body()).path("destination").path("numbers").get(0).asText())
                .as("the same request again: its answer was lost").isEqualTo("+919876543210");
        RawAnswer nothingLeft = rawGet("/exotel/dial-whom",
                DIAL_WHOM_SAMPLE.replace("CurrentTime=2021-07-25 14:56:14", "CurrentTime=2021-07-25 14:57:40"));
        assertThat(this.json.readTree(nothingLeft.body()).path("destination").path("numbers").isEmpty()).isTrue();
    }

    @Test
    void theConnectAppletIsToldTheCampaignsSettings() throws IOException {
        String campaign = newCampaign();
        String agent = newAgent();
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("id", campaign, "name", "Collections",
                "callerId", "07314853246", "flowAppId", "383431", "callWindowStart", "00:00",
                "callWindowEnd", "00:00"));
        settings.putAll(Map.of("maxRingSeconds", 45, "maxCallSeconds", 900, "record", false,
                "recordingChannels", "single", "recordingNotice", "This call may be recorded.",
                "musicOnHold", "https://audio.example.com/hold.wav"));
        assertThat(postJson("/api/campaigns", settings).statusCode()).isEqualTo(200);
        String customer = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + customer + ",Asha," + agent + ",5,\n");
        JsonNode session = startConnectedSession(agent, campaign);

        JsonNode answer = read(askWhomToDial(session, Map.of()));

        assertThat(answer.path("destination").path("numbers").get(0).asText()).isEqualTo(customer);
        assertThat(answer.path("max_ringing_duration").asInt()).isEqualTo(45);
        assertThat(answer.path("max_conversation_duration").asInt()).isEqualTo(900);
        assertThat(answer.path("record").asBoolean()).isFalse();
        assertThat(answer.path("recording_channels").asText()).isEqualTo("single");
        assertThat(answer.path("start_call_playback").path("playback_to").asText()).isEqualTo("callee");
        assertThat(answer.path("start_call_playback").path("type").asText()).isEqualTo("text");
        assertThat(answer.path("start_call_playback").path("value").asText()).isEqualTo("This call may be recorded.");
        assertThat(answer.path("music_on_hold").path("type").asText()).isEqualTo("audio_url");
        assertThat(answer.path("music_on_hold").path("value").asText()).isEqualTo("https://audio.example.com/hold.wav");
        JsonNode listed = read(get("/api/campaigns")).findParents("id").stream()
                .filter(c -> c.path("id").asText().equals(campaign)).findFirst().orElseThrow();
        assertThat(listed.path("maxCallSeconds").asInt()).isEqualTo(900);

        settings.put("maxRingSeconds", 61);
        assertThat(postJson("/api/campaigns", settings).statusCode()).as("Exotel rings 60 s at most").isEqualTo(400);
        settings.put("maxRingSeconds", 45);
        settings.put("recordingChannels", "stereo");
        assertThat(postJson("/api/campaigns", settings).statusCode()).isEqualTo(400);
    }

    @Test
    void incompletePassthruSampleIsLoggedAndTheLeadScheduledForRetry() throws IOException {
        JsonNode session = sessionThatDialledTheSampleCustomer("0e50bc001da69c238b55b56a0a1c157e");

        RawAnswer answer = rawGet("/exotel/passthru", PASSTHRU_INCOMPLETE_SAMPLE);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode call = calls(session.path("sessionId").asText()).get(0);
        assertThat(call.path("number").asText()).isEqualTo(SAMPLE_CUSTOMER);
        assertThat(call.path("status").asText()).isEqualTo("canceled");
        assertThat(call.path("callType").asText()).isEqualTo("client-hangup");
        assertThat(call.path("causeCode").asText()).isEqualTo("RING_TIMEOUT");
        assertThat(call.path("cause").asText()).isEqualTo("1003");
        assertThat(call.path("leadStatus").asText()).isEqualTo("RETRY");
        assertThat(call.path("countsAsContact").asBoolean()).isFalse();
        JsonNode lead = read(get("/api/leads?campaign=" + session.path("campaignId").asText())).get(0);
        assertThat(lead.path("status").asText()).isEqualTo("RETRY");
        assertThat(lead.path("lastOutcome").asText()).isEqualTo("canceled");
        assertThat(lead.path("nextAttemptAt").asText()).isNotBlank();
    }

    @Test
    void completedPassthruSampleIsLoggedWithItsRecordingAndTheLeadClosed() throws IOException {
        JsonNode session = sessionThatDialledTheSampleCustomer("3edd4e59486d063b46403496ad3e157e");

        RawAnswer answer = rawGet("/exotel/passthru", PASSTHRU_COMPLETED_SAMPLE);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode call = calls(session.path("sessionId").asText()).get(0);
        assertThat(call.path("status").asText()).isEqualTo("completed");
        assertThat(call.path("dialCallDuration").asInt()).isEqualTo(40);
        assertThat(call.path("conversationSeconds").asInt()).isEqualTo(31);
        assertThat(call.path("causeCode").asText()).isEqualTo("NORMAL_CLEARING");
        assertThat(call.path("recordingUrl").asText()).isEqualTo("https://s3-ap-southeast-1.amazonaws.com/"
                + "exotelrecordings/skillstreet/3edd4e59486d063b46403496xxx3e157e.mp3");
        assertThat(call.path("recordingAvailableBy").asText()).as("Wed, 14 Jul 2021 15:45:55 in India")
                .isEqualTo("2021-07-14T10:15:55Z");
        assertThat(call.path("leadStatus").asText()).isEqualTo("CONTACTED");
        assertThat(call.path("countsAsContact").asBoolean()).isTrue();
        assertThat(read(get("/api/leads?campaign=" + session.path("campaignId").asText())).get(0)
                .path("status").asText()).isEqualTo("CONTACTED");

        RawAnswer again = rawGet("/exotel/passthru", PASSTHRU_COMPLETED_SAMPLE);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
    }

    @Test
    void aPassthruWhoseNumbersAreAllMaskedFindsItsCallByTheDigitsShown() throws IOException {
        JsonNode session = sessionThatDialledTheSampleCustomer("4edd4e59486d063b46403496ad3e157e");
        String allMasked = PASSTHRU_COMPLETED_SAMPLE.replace("Legs[0][Number]=07995679243",
                "Legs[0][Number]=0799567xxxx").replace("CallSid=3edd4e59", "CallSid=4edd4e59");

        RawAnswer answer = rawGet("/exotel/passthru", allMasked);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode call = calls(session.path("sessionId").asText()).get(0);
        assertThat(call.path("number").asText()).isEqualTo(SAMPLE_CUSTOMER);
        assertThat(call.path("status").asText()).isEqualTo("completed");
        RawAnswer notThisCustomer = rawGet("/exotel/passthru", allMasked.replace("0799567xxxx", "0711111xxxx")
                .replace("DialWhomNumber=0799567xxxx", "DialWhomNumber=0711111xxxx"));
        assertThat(notThisCustomer.status()).as("a mask no call fits").isEqualTo(400);
    }

    @Test
    void aDialWhomInAVersionTheDialerWasNotWrittenForIsAnsweredAndCounted() throws IOException {
        JsonNode session = sessionThatDialledTheSampleCustomer("5edd4e59486d063b46403496ad3e157e");
        double before = meters.counter("dialer.exotel.unknown-version").count();

        HttpResponse<String> answer = sendAsIs(HttpRequest.newBuilder(uri("/exotel/dial-whom?key="
                        + encode(exotel.webhookKey()) + "&CallSid=" + session.path("agentCallSid").asText()
                        + "&CallFrom=09999999999&CurrentTime=" + encode("2021-07-25 15:00:00")))
                .header("Exotel-Version", "2.0").GET().build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(this.json.readTree(answer.body()).has("destination")).isTrue();
        assertThat(meters.counter("dialer.exotel.unknown-version").count()).isEqualTo(before + 1);
    }

    @Test
    void popupEventsFollowTheCustomerCall() {
        JsonNode session = sessionThatDialledTheSampleCustomer("popup0e50bc001da69c238b55b56a0a1c157e");
        Map<String, String> popup = Map.of("CallSid", session.path("agentCallSid").asText(),
                "CallFrom", "07709562799", "CallTo", "07314853246", "Direction", "outbound-dial",
                "Created", "Wed, 14 Jul 2021 15:36:22", "From", "07709562799", "To", "07314853246",
                "CurrentTime", "2021-07-14 15:36:24", "DialWhomNumber", "07995679243", "Status", "busy");
        java.util.function.Function<String, HttpResponse<String>> send = eventType -> {
            Map<String, String> params = new java.util.HashMap<>(popup);
            params.put("EventType", eventType);
            return webhook("/exotel/popup", params);
        };

        assertThat(send.apply("Dial").statusCode()).isEqualTo(200);
        assertThat(calls(session.path("sessionId").asText()).get(0).path("status").asText()).isEqualTo("dialling");
        assertThat(send.apply("Ringing").statusCode()).isEqualTo(200);
        assertThat(calls(session.path("sessionId").asText()).get(0).path("status").asText()).isEqualTo("ringing");
        assertThat(send.apply("Answered").statusCode()).isEqualTo(200);
        JsonNode answered = calls(session.path("sessionId").asText()).get(0);
        assertThat(answered.path("status").asText()).isEqualTo("answered");
        assertThat(answered.path("answeredAt").asText()).isNotBlank();
        assertThat(send.apply("Terminal").statusCode()).isEqualTo(200);
        assertThat(calls(session.path("sessionId").asText()).get(0).path("status").asText()).isEqualTo("ended");
    }

    @Test
    void statusCallbackArrivesAsFormMultipartOrJson() {
        JsonNode form = sessionThatDialledTheSampleCustomer("statusform066b197844c030d6737dac19cca");
        passthru(form, SAMPLE_CUSTOMER, "completed", 10);
        assertThat(agentCallEnded(form, "completed").statusCode()).isEqualTo(200);
        assertThat(session(form.path("sessionId").asText()).path("status").asText()).isEqualTo("ENDED");

        JsonNode json = sessionThatDialledTheSampleCustomer("statusjson066b197844c030d6737dac19cca");
        passthru(json, SAMPLE_CUSTOMER, "completed", 10);
        HttpResponse<String> jsonAnswer = postJson("/exotel/status?key=" + encode(exotel.webhookKey()), Map.of(
                "CallSid", json.path("agentCallSid").asText(), "Status", "completed", "EventType", "terminal",
                "DateUpdated", "2021-07-14 15:50:01", "ConversationDuration", 583,
                "Legs", java.util.List.of(Map.of("OnCallDuration", 40))));
        assertThat(jsonAnswer.statusCode()).as(jsonAnswer.body()).isEqualTo(200);
        assertThat(session(json.path("sessionId").asText()).path("status").asText()).isEqualTo("ENDED");

        JsonNode multipart = sessionThatDialledTheSampleCustomer("statusmulti066b197844c030d6737dac19cc");
        passthru(multipart, SAMPLE_CUSTOMER, "completed", 10);
        String boundary = "exotel-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\n"
                + multipart.path("agentCallSid").asText() + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"Status\"\r\n\r\ncompleted\r\n--" + boundary + "--\r\n";
        HttpResponse<String> multipartAnswer = post("/exotel/status?key=" + encode(exotel.webhookKey()),
                "multipart/form-data; boundary=" + boundary, body);
        assertThat(multipartAnswer.statusCode()).as(multipartAnswer.body()).isEqualTo(200);
        assertThat(session(multipart.path("sessionId").asText()).path("status").asText()).isEqualTo("ENDED");
    }
}
