package io.progressivedialer.simulator;

import io.progressivedialer.exotel.ExotelProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded Exotel stand-in: Calls/connect, Call Details and Number metadata under Exotel's paths, field
 * names and Basic auth, and a call flow driven against the dialer's webhooks. The only fake Exotel. Hidden from the
 * OpenAPI page: it plays Exotel's API for the demo and the tests, and is not the dialer's.
 */
@Hidden
@RestController
@RequestMapping(ExotelProperties.STAND_IN_PATH + "/v1/Accounts/{sid}")
@ExotelStandIn
class ExotelStandInController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Exotel cuts a call at 4 hours, and rings a phone for a minute at most. */
    private static final int MAX_TIME_LIMIT_SECONDS = 14_400;
    private static final int MAX_TIME_OUT_SECONDS = 60;

    private final ExotelProperties exotel;
    private final StandInProperties properties;
    private final CallFlowDriver driver;
    private final StandInCalls calls;

    ExotelStandInController(ExotelProperties exotel, StandInProperties properties, CallFlowDriver driver,
                            StandInCalls calls) {
        this.exotel = exotel;
        this.properties = properties;
        this.driver = driver;
        this.calls = calls;
    }

    @PostMapping("/Calls/connect.json")
    ResponseEntity<Map<String, Object>> connect(@PathVariable String sid, HttpServletRequest request,
                                                @RequestParam Map<String, String> form) {
        ResponseEntity<Map<String, Object>> refused = refuse(sid, request, true);
        if (refused != null) {
            return refused;
        }
        Optional<Integer> refusal = calls.nextRefusal();
        if (refusal.isPresent()) {
            String message = "Calls/connect refused by the stand-in's script";
            return refusal.get() == 429 ? tooManyRequests(message) : error(HttpStatus.valueOf(refusal.get()), message);
        }
        for (String required : new String[] {"From", "CallerId", "Url"}) {
            if (form.get(required) == null || form.get(required).isBlank()) {
                return error(HttpStatus.BAD_REQUEST, "Missing parameter " + required);
            }
        }
        Integer timeLimit = seconds(form.get("TimeLimit"));
        Integer timeOut = seconds(form.get("TimeOut"));
        if (timeLimit == null || timeLimit > MAX_TIME_LIMIT_SECONDS) {
            return error(HttpStatus.BAD_REQUEST, "TimeLimit must be a number of seconds up to "
                    + MAX_TIME_LIMIT_SECONDS);
        }
        if (timeOut == null || timeOut > MAX_TIME_OUT_SECONDS) {
            return error(HttpStatus.BAD_REQUEST, "TimeOut must be a number of seconds up to " + MAX_TIME_OUT_SECONDS);
        }
        StandInCall call = calls.place(form.get("From"), form.get("CallerId"), form.get("StatusCallback"),
                form.get("CustomField"), timeLimit);
        if (properties.driveFlow()) {
            driver.start(call);
        }
        pause(calls.connectAnswerDelay());
        if (ThreadLocalRandom.current().nextInt(100) < properties.placedButFailedPercent()) {
            // Exotel's worst answer: the agent is being rung, yet the dialer is told it failed
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error, please retry");
        }
        return ResponseEntity.ok(Map.of("Call", describe(call)));
    }

    @GetMapping("/Calls/{callSid}.json")
    ResponseEntity<Map<String, Object>> callDetails(@PathVariable String sid, @PathVariable String callSid,
                                                    @RequestParam(defaultValue = "false") boolean details,
                                                    HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> refused = refuse(sid, request);
        if (refused != null) {
            return refused;
        }
        pause(calls.lookUpAnswerDelay());
        return calls.find(callSid)
                .map(call -> {
                    Map<String, Object> described = describe(call);
                    if (details) {
                        described.put("Details", legs(call));
                    }
                    return withRateLimit(ResponseEntity.ok()).body(Map.<String, Object>of("Call", described));
                })
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "Call " + callSid + " not found"));
    }

    @GetMapping("/Numbers/{number}.json")
    ResponseEntity<Map<String, Object>> number(@PathVariable String sid, @PathVariable String number,
                                               HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> refused = refuse(sid, request);
        if (refused != null) {
            return refused;
        }
        int refusal = calls.numbersRequestRefusal();
        pause(calls.lookUpAnswerDelay());
        if (refusal == HttpStatus.UNAUTHORIZED.value()) {
            return error(HttpStatus.UNAUTHORIZED, "Authentication is required to view this resource.");
        }
        if (refusal != 0) {
            return error(HttpStatus.valueOf(refusal), "Number metadata is unavailable, please retry");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("PhoneNumber", number);
        metadata.put("Circle", "KA");
        metadata.put("Type", "Mobile");
        metadata.put("Operator", "R");
        metadata.put("DND", properties.dndNumbers().contains(number) ? "Yes" : "No");
        return ResponseEntity.ok(Map.of("Numbers", metadata));
    }

    /** An optional whole number of seconds; 0 when absent, null when not a number. */
    private static Integer seconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            return seconds < 0 ? null : seconds;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Call Details' legs: Leg 1 the agent's line, then each customer call the flow placed on it. */
    private static Map<String, Object> legs(StandInCall call) {
        List<Map<String, Object>> legs = new ArrayList<>();
        LocalDateTime end = call.ended == null ? LocalDateTime.now(ZoneId.of("Asia/Kolkata")) : call.ended;
        long lineSeconds = Duration.between(call.created, end).toSeconds();
        legs.add(Map.of("Leg", Map.of("Id", 1, "OnCallDuration", lineSeconds)));
        List<StandInCall.CustomerLeg> customers = call.customerLegs;
        for (int i = 0; i < customers.size(); i++) {
            legs.add(Map.of("Leg", Map.of("Id", i + 2, "OnCallDuration", customers.get(i).onCallDuration())));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ConversationDuration", customers.stream().mapToInt(StandInCall.CustomerLeg::onCallDuration).sum());
        details.put("Leg1Status", call.status);
        details.put("Leg2Status", customers.isEmpty() ? null : customers.get(0).status());
        details.put("Legs", legs);
        return details;
    }

    private Map<String, Object> describe(StandInCall call) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("Sid", call.sid);
        described.put("ParentCallSid", null);
        described.put("DateCreated", TIME.format(call.created));
        described.put("AccountSid", exotel.accountSid());
        described.put("To", call.callerId);
        described.put("From", call.agentNumber);
        described.put("PhoneNumberSid", call.callerId);
        described.put("Status", call.status);
        described.put("StartTime", TIME.format(call.created));
        described.put("EndTime", call.ended == null ? null : TIME.format(call.ended));
        described.put("Direction", "outbound-api");
        described.put("RecordingUrl", null);
        return described;
    }

    private ResponseEntity<Map<String, Object>> refuse(String sid, HttpServletRequest request) {
        return refuse(sid, request, false);
    }

    /**
     * Exotel's own answers to a wrong account or credentials, and, as configured, to a busy moment. A connect refused
     * at random is refused as Exotel refuses what it did not do, with a 429: a 5xx would leave its outcome unknown.
     */
    private ResponseEntity<Map<String, Object>> refuse(String sid, HttpServletRequest request, boolean placing) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (exotel.apiKey() + ":" + exotel.apiToken()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeader("Authorization"))) {
            return error(HttpStatus.UNAUTHORIZED, "Authentication is required to view this resource.");
        }
        if (!exotel.accountSid().equals(sid)) {
            return error(HttpStatus.FORBIDDEN, "Account " + sid + " is not yours");
        }
        calls.apiCalled();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(100) < properties.apiErrorPercent()) {
            return placing || random.nextBoolean() ? tooManyRequests("Too many requests: 200 per minute")
                    : error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error, please retry");
        }
        return null;
    }

    /** Exotel's count of calls left in its window, when the test scripted one. */
    private ResponseEntity.BodyBuilder withRateLimit(ResponseEntity.BodyBuilder answer) {
        Integer remaining = calls.rateLimitRemaining();
        return remaining == null ? answer : answer.header("X-RateLimit-Remaining", remaining.toString());
    }

    private static ResponseEntity<Map<String, Object>> tooManyRequests(String message) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1")
                .body(error(HttpStatus.TOO_MANY_REQUESTS, message).getBody());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("RestException",
                Map.of("Status", status.value(), "Message", message)));
    }
}
