package io.progressivedialer.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.progressivedialer.common.PublicUrl;
import io.progressivedialer.exotel.ExotelProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plays Exotel's call flow (Connect -> Passthru -> Transfer back to Connect) for each connected agent,
 * calling the dialer's webhooks over HTTP with Exotel's parameter names and formats.
 */
@Component
@ExotelStandIn
class CallFlowDriver {

    private static final Logger log = LoggerFactory.getLogger(CallFlowDriver.class);
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NO_END_TIME = "1970-01-01 05:30:00";
    private static final String FLOW_ID = "383431";
    private static final String TENANT_ID = "53926";
    private static final String CONNECT_VERSION = "1.0";
    /** Exotel sends a StatusCallback the dialer did not take twice more. */
    private static final int STATUS_CALLBACK_ATTEMPTS = 3;

    enum Outcome { ANSWERED, BUSY, NO_ANSWER, FAILED }

    private final StandInProperties properties;
    private final StandInCalls calls;
    private final ExotelProperties exotel;
    private final PublicUrl publicUrl;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(16);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PhoneNumberUtil phoneUtil = PhoneNumberUtil.getInstance();

    CallFlowDriver(StandInProperties properties, StandInCalls calls, ExotelProperties exotel, PublicUrl publicUrl,
                   ObjectMapper json) {
        this.properties = properties;
        this.calls = calls;
        this.exotel = exotel;
        this.publicUrl = publicUrl;
        this.json = json;
    }

    void start(StandInCall call) {
        calls.agentAnswerDelay().ifPresentOrElse(
                answer -> scheduler.schedule(() -> askWhomToDial(call), answer.toMillis(), TimeUnit.MILLISECONDS),
                () -> later(properties.ringSeconds(), () -> askWhomToDial(call)));
        if (call.timeLimitSeconds > 0) {
            // in real seconds, whatever the time scale: the dialer counts the line's time by the clock
            scheduler.schedule(() -> cutAtTimeLimit(call), call.timeLimitSeconds, TimeUnit.SECONDS);
        }
    }

    /** Exotel ends a call at its TimeLimit, whatever goes on: a customer on the line is cut off with the agent. */
    private void cutAtTimeLimit(StandInCall call) {
        if (!"in-progress".equals(call.status)) {
            return;
        }
        if (call.customerOnLine) {
            log.warn("stand-in: call {} reached its TimeLimit with a customer on the line", call.sid);
            calls.conversationCut();
        }
        hangUpAgent(call);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void askWhomToDial(StandInCall call) {
        if (!"in-progress".equals(call.status)) {
            return;
        }
        Map<String, String> query = flowParams(call);
        query.put("CallStatus", "in-progress");
        query.put("CallType", "call-attempt");
        query.put("DialCallDuration", "0");
        query.put("DialWhomNumber", "");
        String customer;
        int maxConversation = Integer.MAX_VALUE;
        try {
            HttpResponse<String> answer = askConnectParameters(query);
            if (ThreadLocalRandom.current().nextInt(100) < properties.duplicatePercent()) {
                // the first answer was lost on its way back: Exotel asks again, the very same request
                answer = askConnectParameters(query);
            }
            JsonNode numbers = answer.statusCode() == 200
                    ? json.readTree(answer.body()).path("destination").path("numbers") : null;
            customer = numbers != null && numbers.size() > 0 ? numbers.get(0).asText() : null;
            if (answer.statusCode() == 200) {
                maxConversation = json.readTree(answer.body()).path("max_conversation_duration")
                        .asInt(Integer.MAX_VALUE);
            }
            if (answer.statusCode() != 200) {
                log.warn("dial-whom answered {}: {}", answer.statusCode(), answer.body());
            }
        } catch (IOException e) {
            log.warn("dial-whom failed: {}", e.toString());
            customer = null;
        }
        if (customer == null) {
            hangUpAgent(call);
            return;
        }
        dialCustomer(call, national(customer), maxConversation);
    }

    /** The customer's call; the Connect applet ends a conversation at the dial-whom answer's longest. */
    private void dialCustomer(StandInCall call, String customer, int maxConversation) {
        call.customerOnLine = true;
        popup(call, customer, "Dial", "busy");
        Outcome outcome = pickOutcome();
        int ringSeconds = outcome == Outcome.NO_ANSWER ? 30 : properties.ringSeconds();
        later(ringSeconds, () -> {
            if (!"in-progress".equals(call.status)) {
                return; // the line was cut: the flow, and its Passthru, end with it
            }
            if (outcome != Outcome.ANSWERED) {
                call.customerOnLine = false;
                call.customerLegs.add(new StandInCall.CustomerLeg(dialCallStatus(outcome), 0));
                popup(call, customer, "Terminal", "free");
                passthru(call, customer, outcome, 0);
                askWhetherReady(call, System.nanoTime(), null);
                return;
            }
            popup(call, customer, "Answered", "busy");
            int talk = Math.min(maxConversation, Math.max(1,
                    (int) Math.round(properties.talkSeconds() * (0.5 + ThreadLocalRandom.current().nextDouble()))));
            later(talk, () -> {
                if (!"in-progress".equals(call.status)) {
                    return;
                }
                call.customerOnLine = false;
                call.customerLegs.add(new StandInCall.CustomerLeg("completed", talk));
                popup(call, customer, "Terminal", "free");
                passthru(call, customer, outcome, talk);
                askWhetherReady(call, System.nanoTime(), null);
            });
        });
    }

    /**
     * The Passthru "ready?" after the call: on 200 the flow goes on to Transfer; on 302 to the Gather applet, "press 1
     * when ready", which asks again after its timeout with the keys pressed. The simulated agent presses 1 once its
     * own wrap-up time since the call ended ({@code callEnded}, System.nanoTime) has passed.
     */
    private void askWhetherReady(StandInCall call, long callEnded, String digits) {
        if (!"in-progress".equals(call.status)) {
            return;
        }
        Map<String, String> query = flowParams(call);
        query.put("CallType", "call-attempt");
        if (digits != null) {
            query.put("digits", "\"" + digits + "\"");
        }
        int status;
        try {
            status = get("/exotel/ready", query).statusCode();
        } catch (IOException e) {
            log.warn("ready? failed: {}", e.toString());
            status = 200;
        }
        if (status != 302) {
            next(call);
            return;
        }
        later(properties.gatherSeconds(), () -> {
            boolean wrappedUp = System.nanoTime() - callEnded >= properties.millis(properties.wrapUpSeconds()) * 1_000_000;
            askWhetherReady(call, callEnded, wrappedUp ? "1" : "");
        });
    }

    /** The Transfer applet loops back to Connect, unless the agent has had enough. */
    private void next(StandInCall call) {
        int done = call.customerCalls.incrementAndGet();
        if (properties.agentHangUpAfterCalls() > 0 && done >= properties.agentHangUpAfterCalls()) {
            hangUpAgent(call);
        } else {
            askWhomToDial(call);
        }
    }

    private void popup(StandInCall call, String customer, String eventType, String status) {
        Map<String, String> query = flowParams(call);
        query.put("Direction", "outbound-dial");
        query.put("DialWhomNumber", customer);
        query.put("Status", status);
        query.put("EventType", eventType);
        deliver(() -> send("/exotel/popup", query));
    }

    private void passthru(StandInCall call, String customer, Outcome outcome, int talkSeconds) {
        Map<String, String> query = flowParams(call);
        // as Exotel defines it: a conversation happened, or the Connect applet reached nobody
        query.put("CallType", outcome == Outcome.ANSWERED ? "completed" : "incomplete");
        query.put("DialCallDuration", String.valueOf(talkSeconds == 0 ? 0 : talkSeconds + properties.ringSeconds()));
        query.put("DialCallStatus", dialCallStatus(outcome));
        query.put("DialWhomNumber", customer);
        query.put("ForwardedFrom", "null");
        query.put("Legs[0][Number]", customer);
        query.put("Legs[0][Type]", "single");
        query.put("Legs[0][OnCallDuration]", String.valueOf(talkSeconds));
        query.put("Legs[0][CauseCode]", switch (outcome) {
            case ANSWERED -> "NORMAL_CLEARING";
            case BUSY -> "USER_BUSY";
            case NO_ANSWER -> "RING_TIMEOUT";
            case FAILED -> "CALL_REJECTED";
        });
        query.put("Legs[0][Cause]", switch (outcome) {
            case ANSWERED -> "16";
            case BUSY -> "17";
            case NO_ANSWER -> "1003";
            case FAILED -> "21";
        });
        query.put("OutgoingPhoneNumber", national(call.callerId));
        query.put("ProcessStatus", "null");
        if (outcome == Outcome.ANSWERED) {
            query.put("RecordingUrl", "https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/"
                    + exotel.accountSid() + "/" + call.sid + "-" + call.customerCalls.get() + ".mp3");
            query.put("RecordingAvailableBy", CREATED.format(now().plus(
                    Duration.ofMillis(properties.millis(properties.recordingDelaySeconds())))));
        }
        query.put("CustomField", call.customField);
        if (ThreadLocalRandom.current().nextInt(100) < properties.dropPassthruPercent()) {
            log.debug("stand-in lost a Passthru");
            return;
        }
        deliver(() -> send("/exotel/passthru", query));
    }

    private void hangUpAgent(StandInCall call) {
        call.status = "completed";
        call.ended = now();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", call.sid);
        form.put("Status", "completed");
        form.put("EventType", "terminal");
        form.put("DateUpdated", TIME.format(call.ended));
        form.put("StartTime", TIME.format(call.created));
        form.put("EndTime", TIME.format(call.ended));
        form.put("ConversationDuration", String.valueOf(Duration.between(call.created, call.ended).toSeconds()));
        form.put("RecordingUrl", "");
        form.put("CustomField", call.customField);
        deliver(() -> postStatus(call, form));
    }

    /** As Exotel sends a StatusCallback unless asked for JSON: multipart/form-data. */
    private void postStatus(StandInCall call, Map<String, String> form) {
        String boundary = "----ExotelStatusCallback" + Long.toHexString(System.nanoTime());
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        try {
            // the one webhook Exotel sends again: twice more when the dialer does not answer 200 within 15 s
            HttpResponse<String> answer = exchange(HttpRequest.newBuilder(URI.create(call.statusCallback))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                    .timeout(Duration.ofSeconds(15))
                    .build(), properties.retryEveryWebhook() ? Integer.MAX_VALUE : STATUS_CALLBACK_ATTEMPTS);
            if (answer.statusCode() != 200) {
                log.warn("status callback answered {}: {}", answer.statusCode(), answer.body());
            }
        } catch (IOException e) {
            log.warn("status callback failed: {}", e.toString());
        }
    }

    /**
     * Sends a webhook as Exotel might: now, or late behind later ones, twice, or not at all, in the proportions
     * configured. Dial-whom is not among them: Exotel waits for its answer, and asks again when it is lost.
     */
    private void deliver(Runnable webhook) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(100) < properties.dropPercent()) {
            log.debug("stand-in dropped a webhook");
            return;
        }
        if (random.nextInt(100) < properties.delayPercent()) {
            scheduler.schedule(webhook, random.nextInt(500), TimeUnit.MILLISECONDS);
        } else {
            webhook.run();
        }
        if (random.nextInt(100) < properties.duplicatePercent()) {
            scheduler.schedule(webhook, random.nextInt(200), TimeUnit.MILLISECONDS);
        }
    }

    /** The parameters Exotel repeats on every webhook of one run of the flow. */
    private Map<String, String> flowParams(StandInCall call) {
        LocalDateTime now = now();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("CallSid", call.sid);
        query.put("CallFrom", national(call.agentNumber));
        query.put("CallTo", national(call.callerId));
        query.put("Created", CREATED.format(call.created));
        query.put("CurrentTime", TIME.format(now));
        query.put("Direction", "incoming");
        query.put("EndTime", NO_END_TIME);
        query.put("From", national(call.agentNumber));
        query.put("StartTime", TIME.format(call.created));
        query.put("To", national(call.callerId));
        query.put("flow_id", FLOW_ID);
        query.put("tenant_id", TENANT_ID);
        return query;
    }

    private void send(String path, Map<String, String> query) {
        try {
            HttpResponse<String> answer = get(path, query);
            if (answer.statusCode() != 200) {
                log.warn("{} answered {}: {}", path, answer.statusCode(), answer.body());
            }
        } catch (IOException e) {
            log.warn("{} failed: {}", path, e.toString());
        }
    }

    /** The Connect applet's Primary URL, asked with the version of the answer's fields Exotel validates against. */
    private HttpResponse<String> askConnectParameters(Map<String, String> query) throws IOException {
        return exchange(request("/exotel/dial-whom", query).header("Exotel-Version", CONNECT_VERSION).build());
    }

    private HttpResponse<String> get(String path, Map<String, String> query) throws IOException {
        return exchange(request(path, query).build());
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        String target = properties.targetUrl() == null || properties.targetUrl().isBlank()
                ? publicUrl.get() : properties.targetUrl();
        URI uri = URI.create(target + path + "?key=" + URLEncoder.encode(exotel.webhookKey(), StandardCharsets.UTF_8)
                + "&" + encode(query));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    }

    /**
     * Sends a webhook once, as Exotel sends popups, Passthrus and dial-whom questions: one the dialer does not take
     * is lost. With {@code retryEveryWebhook} it is sent again for {@code webhookRetryFor}, as a balancer that
     * retries a failed request on the next node does.
     */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException {
        return exchange(request, properties.retryEveryWebhook() ? Integer.MAX_VALUE : 1);
    }

    /**
     * Sends a webhook until the dialer takes it, {@code attempts} times at most, 0.25 s growing to 5 s apart, for
     * {@code webhookRetryFor} at most.
     */
    private HttpResponse<String> exchange(HttpRequest request, int attempts) throws IOException {
        long deadline = System.nanoTime() + properties.webhookRetryFor().toNanos();
        long pause = 250;
        try {
            for (int attempt = 1; ; attempt++) {
                boolean last = attempt >= attempts || System.nanoTime() > deadline;
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200 || answer.statusCode() < 500 || last) {
                        return answer;
                    }
                } catch (IOException e) {
                    if (last) {
                        throw e;
                    }
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String dialCallStatus(Outcome outcome) {
        return switch (outcome) {
            case ANSWERED -> "completed";
            case BUSY -> "busy";
            case NO_ANSWER -> "no-answer";
            case FAILED -> "failed";
        };
    }

    private Outcome pickOutcome() {
        int total = properties.answered() + properties.busy() + properties.noAnswer() + properties.failed();
        int pick = ThreadLocalRandom.current().nextInt(Math.max(total, 1));
        if ((pick -= properties.answered()) < 0) {
            return Outcome.ANSWERED;
        }
        if ((pick -= properties.busy()) < 0) {
            return Outcome.BUSY;
        }
        if ((pick -= properties.noAnswer()) < 0) {
            return Outcome.NO_ANSWER;
        }
        return Outcome.FAILED;
    }

    /** Exotel writes Indian numbers in national form: 07709562799. */
    private String national(String number) {
        try {
            PhoneNumber parsed = phoneUtil.parse(number, "IN");
            return parsed.getCountryCode() == 91
                    ? phoneUtil.format(parsed, PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", "")
                    : phoneUtil.format(parsed, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return number;
        }
    }

    private void later(int exotelSeconds, Runnable step) {
        scheduler.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.error("stand-in step failed", e);
            }
        }, properties.millis(exotelSeconds), TimeUnit.MILLISECONDS);
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(IST);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
