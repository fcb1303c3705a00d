package io.progressivedialer.webhook;

import io.progressivedialer.exotel.AgentLegEnd;
import io.progressivedialer.exotel.CallOutcome;
import io.progressivedialer.exotel.CustomerCallEvent;
import io.progressivedialer.exotel.DialWhomAnswer;
import io.progressivedialer.exotel.DialWhomRequest;
import io.progressivedialer.exotel.ReadinessCheck;
import io.progressivedialer.session.AgentState;
import io.progressivedialer.session.SessionWebhooks;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    private final SessionWebhooks sessions;

    ExotelWebhookController(SessionWebhooks sessions) {
        this.sessions = sessions;
    }

    /** Connect applet, "Dial whom" primary URL. */
    @GetMapping("/dial-whom")
    DialWhomAnswer dialWhom(@RequestParam Map<String, String> query) {
        WebhookParams params = new WebhookParams(query);
        return sessions.nextNumber(new DialWhomRequest(params.sessionRef(), params.time("CurrentTime")));
    }

    /**
     * Passthru "ready?" (not async), after the outcome Passthru: 200 sends Exotel on to Transfer and the next
     * customer, 302 to the Gather applet ("press 1 when ready"), which comes back here with the keys in
     * {@code digits}, in double quotes.
     */
    @GetMapping("/ready")
    ResponseEntity<Map<String, String>> ready(@RequestParam Map<String, String> query) {
        WebhookParams params = new WebhookParams(query);
        AgentState state = sessions.readiness(new ReadinessCheck(params.sessionRef(), params.digits().equals("1")));
        return ResponseEntity.status(state.letsTheNextCustomerThrough() ? HttpStatus.OK : HttpStatus.FOUND)
                .body(Map.of("agentState", state.name()));
    }

    /** Connect applet, "Create popup" URL. */
    @GetMapping("/popup")
    SessionWebhooks.Receipt popup(@RequestParam Map<String, String> query) {
        WebhookParams params = new WebhookParams(query);
        return sessions.customerCallEvent(new CustomerCallEvent(params.sessionRef(),
                params.required("DialWhomNumber"),
                params.oneOf("EventType", EVENT_TYPES),
                params.optional("Status") == null ? null : params.oneOf("Status", AGENT_STATUSES)));
    }

    /** Passthru applet, after the Connect applet's customer call. */
    @GetMapping("/passthru")
    SessionWebhooks.Receipt passthru(@RequestParam Map<String, String> query) {
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
                params.optional("RecordingUrl", 1000)));
    }

    /** StatusCallback of Calls/connect, as a form or multipart post. */
    @PostMapping(path = "/status", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    SessionWebhooks.Receipt statusForm(@RequestParam Map<String, String> form) {
        return status(new WebhookParams(form));
    }

    /** StatusCallback of Calls/connect, as JSON. */
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
