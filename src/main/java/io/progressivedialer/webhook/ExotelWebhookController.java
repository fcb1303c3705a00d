package io.progressivedialer.webhook;

import io.progressivedialer.exotel.AgentLegEnd;
import io.progressivedialer.exotel.CallOutcome;
import io.progressivedialer.exotel.CustomerCallEvent;
import io.progressivedialer.exotel.DialWhomAnswer;
import io.progressivedialer.exotel.DialWhomRequest;
import io.progressivedialer.exotel.ReadinessCheck;
import io.progressivedialer.session.AgentState;
import io.progressivedialer.session.SessionWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Exotel's webhooks, under Exotel's parameter names; each hands its event to the agent's session. */
@RestController
@RequestMapping("/exotel")
class ExotelWebhookController {

    private static final Set<String> EVENT_TYPES = Set.of("Dial", "Ringing", "Answered", "Terminal");
    private static final Set<String> AGENT_STATUSES = Set.of("busy", "free");
    private static final Set<String> DIAL_CALL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    private static final Set<String> CALL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private static final String RECEIPT = "{\"status\":\"recorded\"}";
    /** The size of the column a dial-whom request's key is kept in. */
    private static final int DIAL_REQUEST_KEY_LENGTH = 32;

    private final SessionWebhooks sessions;
    private final ExotelVersions versions;

    ExotelWebhookController(SessionWebhooks sessions, ExotelVersions versions) {
        this.sessions = sessions;
        this.versions = versions;
    }

    /** Connect applet, parameters configured dynamically through a URL (Programmable Connect): its Primary URL. */
    @Operation(summary = "Connect applet's Primary URL (parameters configured dynamically): the next customer",
            description = "Answers the next lead's number in Exotel's Programmable Connect JSON (version 1.0), with "
                    + "the campaign's ringing time, longest conversation, recording and notice, or no number, which "
                    + "ends the line. Asked again with the same CurrentTime, the same number.")
    @Parameter(name = "CurrentTime", in = ParameterIn.QUERY, description = "Exotel's time of asking, in any "
            + "format: only compared with a repeat's", example = "2021-07-25 14:56:14")
    @ApiResponse(responseCode = "200", description = "the number to dial, or none",
            content = @Content(examples = @ExampleObject(value = """
                    {"fetch_after_attempt":false,"destination":{"numbers":["+917995679243"]},
                    "outgoing_phone_number":"+917314853246","record":true,"recording_channels":"dual",
                    "max_ringing_duration":30,"max_conversation_duration":3600,"start_call_playback":{
                    "playback_to":"callee","type":"text","value":"This call is recorded."}}""")))
    @GetMapping("/dial-whom")
    DialWhomAnswer dialWhom(@Parameter(hidden = true) @RequestParam Map<String, String> query,
                            @Parameter(description = "the version of the answer's fields Exotel validates against",
                                    example = "1.0")
                            @RequestHeader(name = "Exotel-Version", required = false) String version) {
        versions.note(version);
        WebhookParams params = new WebhookParams(query);
        return sessions.nextNumber(new DialWhomRequest(params.sessionRef(),
                params.key("CurrentTime", DIAL_REQUEST_KEY_LENGTH)));
    }

    /**
     * Passthru "ready?" (not async), after the outcome Passthru: 200 sends Exotel on to Transfer and the next
     * customer, 302 to the Gather applet ("press 1 when ready"), which comes back here with the keys in
     * {@code digits}, in double quotes.
     */
    @Operation(summary = "Passthru \"ready?\" (not async): may the next customer be dialled?",
            description = "200 sends the flow on to Transfer and the next customer; 302 to the Gather applet "
                    + "(\"press 1 when ready\"), which comes back here with the keys pressed. 302 while the agent is "
                    + "in after-call work, paused, or waiting for a lead to fall due.")
    @Parameter(name = "digits", in = ParameterIn.QUERY, description = "the keys the Gather applet collected, in "
            + "double quotes; \"1\" ends after-call work", example = "\"1\"")
    @ApiResponse(responseCode = "200", description = "ready: on to the next customer",
            content = @Content(examples = @ExampleObject(value = "{\"agentState\":\"READY\"}")))
    @ApiResponse(responseCode = "302", description = "not yet: to the Gather applet",
            content = @Content(examples = @ExampleObject(value = "{\"agentState\":\"WRAP_UP\"}")))
    @GetMapping("/ready")
    ResponseEntity<Map<String, String>> ready(@Parameter(hidden = true) @RequestParam Map<String, String> query) {
        WebhookParams params = new WebhookParams(query);
        AgentState state = sessions.readiness(new ReadinessCheck(params.sessionRef(), params.digits().equals("1")));
        return ResponseEntity.status(state.letsTheNextCustomerThrough() ? HttpStatus.OK : HttpStatus.FOUND)
                .body(Map.of("agentState", state.name()));
    }

    /** Connect applet, "Create popup" URL. */
    @Operation(summary = "Connect applet's popup URL: the customer call's progress",
            description = "Moves the call record forward (never back) and shows it on the agent's desk.")
    @Parameter(name = "DialWhomNumber", in = ParameterIn.QUERY, required = true, description = "the customer "
            + "dialled", example = "07995679243")
    @Parameter(name = "EventType", in = ParameterIn.QUERY, required = true,
            description = "Dial, Ringing, Answered or Terminal", example = "Answered")
    @Parameter(name = "Status", in = ParameterIn.QUERY, description = "the agent: busy or free", example = "busy")
    @ApiResponse(responseCode = "200", description = "recorded, a duplicate, or stored until the session can take it",
            content = @Content(examples = @ExampleObject(value = RECEIPT)))
    @GetMapping("/popup")
    SessionWebhooks.Receipt popup(@Parameter(hidden = true) @RequestParam Map<String, String> query) {
        WebhookParams params = new WebhookParams(query);
        return sessions.customerCallEvent(new CustomerCallEvent(params.sessionRef(),
                params.required("DialWhomNumber"),
                params.oneOf("EventType", EVENT_TYPES),
                params.optional("Status") == null ? null : params.oneOf("Status", AGENT_STATUSES)));
    }

    /** Passthru applet, after the Connect applet's customer call. */
    @Operation(summary = "Passthru applet: the customer call's outcome",
            description = "Logs the call and applies call-disposition to its lead (retry, close, exhaust).")
    @Parameter(name = "DialCallStatus", in = ParameterIn.QUERY, required = true,
            description = "completed, busy, no-answer, failed or canceled", example = "completed")
    @Parameter(name = "DialWhomNumber", in = ParameterIn.QUERY, description = "the customer dialled",
            example = "07995679243")
    @Parameter(name = "CallType", in = ParameterIn.QUERY, description = "call-attempt, completed, client-hangup, "
            + "incomplete or voicemail", example = "completed")
    @Parameter(name = "DialCallDuration", in = ParameterIn.QUERY, description = "seconds from dialling to the end",
            example = "40")
    @Parameter(name = "Legs[0][Number]", in = ParameterIn.QUERY, description = "the customer's leg: its number",
            example = "07995679243")
    @Parameter(name = "Legs[0][OnCallDuration]", in = ParameterIn.QUERY, description = "conversation seconds",
            example = "31")
    @Parameter(name = "Legs[0][CauseCode]", in = ParameterIn.QUERY, description = "why the leg ended",
            example = "NORMAL_CLEARING")
    @Parameter(name = "Legs[0][Cause]", in = ParameterIn.QUERY, description = "the cause's number", example = "16")
    @Parameter(name = "RecordingUrl", in = ParameterIn.QUERY, description = "the call's recording",
            example = "https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/acme/3edd4e59.mp3")
    @Parameter(name = "RecordingAvailableBy", in = ParameterIn.QUERY, description = "when the recording can be "
            + "fetched (IST)", example = "Wed, 14 Jul 2021 15:45:55")
    @ApiResponse(responseCode = "200", description = "recorded, a duplicate, or stored until the session can take it",
            content = @Content(examples = @ExampleObject(value = RECEIPT)))
    @GetMapping("/passthru")
    SessionWebhooks.Receipt passthru(@Parameter(hidden = true) @RequestParam Map<String, String> query) {
        WebhookParams params = new WebhookParams(query);
        return sessions.callOutcome(new CallOutcome(params.sessionRef(),
                params.optional("DialWhomNumber"),
                params.optional("Legs[0][Number]"),
                params.oneOf("DialCallStatus", DIAL_CALL_STATUSES),
                // each within the size of the call record's column it is kept in
                params.optional("CallType", 32),
                params.seconds("DialCallDuration"),
                params.seconds("Legs[0][OnCallDuration]"),
                params.optional("Legs[0][CauseCode]", 64),
                params.optional("Legs[0][Cause]", 16),
                params.optional("RecordingUrl", 1000),
                params.exotelTime("RecordingAvailableBy")));
    }

    /** StatusCallback of Calls/connect, as a form or multipart post. */
    @Operation(summary = "StatusCallback of Calls/connect: the agent's leg ended",
            description = "Form, multipart or JSON. The session ends once every call it dialled has its outcome.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, examples = @ExampleObject(value =
                    "CallSid=b6cfaf5fa7b3e5f3d4e3a4c2b1d0e9f8&Status=completed&DateUpdated=2021-07-14+15%3A52%3A10")),
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"CallSid":"b6cfaf5fa7b3e5f3d4e3a4c2b1d0e9f8","Status":"completed",
                    "DateUpdated":"2021-07-14 15:52:10","EventType":"terminal","ConversationDuration":310}"""))})
    @ApiResponse(responseCode = "200", description = "recorded, a duplicate, or stored until the session can take it",
            content = @Content(examples = @ExampleObject(value = RECEIPT)))
    @PostMapping(path = "/status", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    SessionWebhooks.Receipt statusForm(@Parameter(hidden = true) @RequestParam Map<String, String> form) {
        return status(new WebhookParams(form));
    }

    /** StatusCallback of Calls/connect, as JSON. */
    @Operation(summary = "StatusCallback of Calls/connect: the agent's leg ended")
    @PostMapping(path = "/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    SessionWebhooks.Receipt statusJson(@RequestBody Map<String, Object> body) {
        Map<String, String> values = new HashMap<>();
        body.forEach((name, value) -> {
            if (value != null && !(value instanceof Map) && !(value instanceof Iterable)) {
                values.put(name, value.toString());
            }
        });
        return status(new WebhookParams(values));
    }

    private SessionWebhooks.Receipt status(WebhookParams params) {
        return sessions.agentLegEnded(new AgentLegEnd(params.sessionRef(), params.oneOf("Status", CALL_STATUSES),
                params.optional("RecordingUrl")));
    }
}
