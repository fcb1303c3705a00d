package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import io.progressivedialer.exotel.AgentLegEnd;
import io.progressivedialer.exotel.CallOutcome;
import io.progressivedialer.exotel.CustomerCallEvent;
import io.progressivedialer.exotel.DialWhomAnswer;
import io.progressivedialer.exotel.DialWhomRequest;
import io.progressivedialer.exotel.ReadinessCheck;
import io.progressivedialer.exotel.SessionRef;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.rules.LeadFacts;
import io.progressivedialer.rules.LeadRules;
import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Finds the session each Exotel webhook belongs to and hands it the webhook as a message. */
@Service
public class SessionWebhooks {

    static final String NEXT_LEAD_REQUESTED = "NextLeadRequested";
    static final String CUSTOMER_CALL_EVENT = "CustomerCallEvent";
    static final String CALL_OUTCOME_REPORTED = "CallOutcomeReported";
    static final String AGENT_LEG_ENDED = "AgentLegEnded";
    static final String AGENT_READINESS_ASKED = "AgentReadinessAsked";

    private static final Logger log = LoggerFactory.getLogger(SessionWebhooks.class);

    public record Receipt(String status) {
        static final Receipt RECORDED = new Receipt("recorded");
        static final Receipt DUPLICATE = new Receipt("duplicate");
        /** Stored; the session takes it as soon as it can. */
        static final Receipt PENDING = new Receipt("pending");
    }

    private final SessionRepository sessions;
    private final CampaignRepository campaigns;
    private final CallRecordRepository calls;
    private final LeadRepository leads;
    private final LeadFacts leadFacts;
    private final LeadRules leadRules;
    private final PhoneNumbers phoneNumbers;
    private final SessionMessages messages;
    private final WebhookInbox inbox;
    private final Clock clock;
    private final Duration orphanedAfter;
    private final Duration retryFor;
    private final TransactionTemplate oneTransaction;

    SessionWebhooks(SessionRepository sessions, CampaignRepository campaigns, CallRecordRepository calls,
                    LeadRepository leads, LeadFacts leadFacts, LeadRules leadRules, PhoneNumbers phoneNumbers,
                    SessionMessages messages,
                    WebhookInbox inbox, Clock clock, PlatformTransactionManager transactions,
                    @Value("${dialer.inbox.orphaned-after:PT30S}") Duration orphanedAfter,
                    @Value("${dialer.inbox.retry-for:PT10M}") Duration retryFor) {
        this.retryFor = retryFor;
        this.oneTransaction = new TransactionTemplate(transactions);
        this.leadFacts = leadFacts;
        this.leadRules = leadRules;
        this.inbox = inbox;
        this.clock = clock;
        this.orphanedAfter = orphanedAfter;
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.calls = calls;
        this.leads = leads;
        this.phoneNumbers = phoneNumbers;
        this.messages = messages;
    }

    /**
     * Dial-whom: the next lead's number, or none, which ends Exotel's loop. A request Exotel repeats gets the
     * number it was answered before (see {@link SelectNextLead}), never a second lead.
     */
    public DialWhomAnswer nextNumber(DialWhomRequest request) {
        DialerSession session = resolve("dial-whom", request.session(), request);
        Campaign campaign = campaigns.find(session.campaignId()).orElseThrow();
        if (session.status() == SessionStatus.ENDED) {
            return DialWhomAnswer.noNumber(campaign.callerId(), campaign.connect());
        }
        Optional<String> answeredBefore = calls.openForDialRequest(session.sessionId(), request.requestedAt())
                .map(CallRecord::number);
        Object number = answeredBefore.isPresent() ? answeredBefore.get()
                : messages.correlateAndRead(session, NEXT_LEAD_REQUESTED, dialRequest(session, request),
                        DIALLED_NUMBER);
        return number == null
                ? DialWhomAnswer.noNumber(campaign.callerId(), campaign.connect())
                : DialWhomAnswer.dial(number.toString(), campaign.callerId(), campaign.connect());
    }

    private static Map<String, Object> dialRequest(DialerSession session, DialWhomRequest request) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(SESSION_STARTED_AT, Date.from(session.startedAt()));
        putLineStart(facts, session);
        if (request.requestedAt() != null) {
            facts.put(DIAL_REQUEST, request.requestedAt());
        }
        return facts;
    }

    /**
     * Passthru "ready?": the agent may take the next customer unless in after-call work, paused or waiting for a lead.
     * A 1 pressed on the phone ends the after-call work or the pause, as the desk's Ready button does. An ended or
     * winding-down session lets Exotel on to dial-whom, which then ends the loop.
     */
    public AgentState readiness(ReadinessCheck check) {
        DialerSession session = resolve("ready", check.session(), check);
        if (session.status() == SessionStatus.ENDED) {
            return AgentState.READY;
        }
        if (check.pressedReady()) {
            messages.correlateIfWaiting(session, SessionService.AGENT_READY_MESSAGE, Map.of());
        }
        messages.correlateIfWaiting(session, AGENT_READINESS_ASKED, Map.of());
        AgentState state = sessions.find(session.sessionId()).map(DialerSession::agentState).orElse(null);
        return state == null ? AgentState.READY : state;
    }

    /** Popup: a customer call was dialled, rang, was answered or ended. */
    public Receipt customerCallEvent(CustomerCallEvent event) {
        DialerSession session = resolve("popup", event.session(), event);
        CallRecord call = callTo(session, Stream.of(event.customerNumber()), "popup", event);
        if (call.hasOutcome()) {
            return Receipt.DUPLICATE;
        }
        return deliver("popup", "popup:" + call.id() + ":" + event.eventType(), session, CUSTOMER_CALL_EVENT,
                Map.of(CALL_RECORD_ID, call.id(), EVENT_TYPE, event.eventType()));
    }

    /** Passthru: the customer call is over; its outcome goes to the call record and the lead. */
    public Receipt callOutcome(CallOutcome outcome) {
        DialerSession session = resolve("passthru", outcome.session(), outcome);
        CallRecord call = callTo(session, outcome.customerNumbers(), "passthru", outcome);
        if (call.hasOutcome()) {
            return Receipt.DUPLICATE;
        }
        if (session.status() == SessionStatus.ENDED) {
            log.warn("Outcome {} of call {} arrived after session {} ended; kept in the inbox, not applied",
                    outcome.dialCallStatus(), call.id(), session.sessionId());
            inbox.keepUnmatched("passthru", outcome, "session ended before its outcome arrived");
            throw new DialerException(HttpStatus.CONFLICT, "session-ended",
                    "session " + session.sessionId() + " has ended; the outcome was kept, not applied");
        }
        Map<String, Object> facts = new HashMap<>();
        facts.put(CALL_RECORD_ID, call.id());
        facts.put("dialCallStatus", outcome.dialCallStatus());
        facts.put("callType", outcome.callType());
        facts.put("dialCallDuration", outcome.dialCallDuration());
        facts.put("conversationSeconds", outcome.conversationSeconds());
        facts.put("causeCode", outcome.causeCode());
        facts.put("cause", outcome.cause());
        facts.put("recordingUrl", outcome.recordingUrl());
        if (outcome.recordingAvailableBy() != null) {
            facts.put("recordingAvailableBy", outcome.recordingAvailableBy().toEpochMilli());
        }
        Lead lead = leads.find(call.leadId()).orElseThrow();
        leadFacts.columns(lead).forEach(facts::put);
        facts.put("attempts", lead.attempts());
        facts.put("attemptsToday", lead.attemptsToday());
        facts.put("callbackDue", false);
        facts.put("hasAlternateNumber", lead.hasAlternateAfterCurrent());
        leadRules.columnsReadBy("call-disposition").forEach(name -> facts.putIfAbsent(name, null));
        return deliver("passthru", "passthru:" + call.id(), session, CALL_OUTCOME_REPORTED, facts);
    }

    /** StatusCallback: the agent's own call is over. */
    public Receipt agentLegEnded(AgentLegEnd end) {
        if (sessions.isEndedLine(end.session().callSid())) {
            return Receipt.DUPLICATE; // a line the session already ended and renewed: Exotel retrying its callback
        }
        return agentLegEnded(resolve("status", end.session(), end), end.status());
    }

    /** The agent's call is over with {@code status}: told by the StatusCallback, or by Exotel when asked. */
    Receipt agentLegEnded(DialerSession session, String status) {
        if (session.status() == SessionStatus.ENDED || session.agentCallStatus() != null) {
            return Receipt.DUPLICATE;
        }
        Map<String, Object> facts = new HashMap<>(Map.of(AGENT_CALL_STATUS, status));
        putLineStart(facts, session);
        return deliver("status", "status:" + session.sessionId() + ":" + session.lineRenewals(), session,
                AGENT_LEG_ENDED, facts);
    }

    /**
     * When the session's current line was asked for, which says how long it still holds: in epoch milliseconds, as
     * the inbox keeps it for a webhook applied later.
     */
    private static void putLineStart(Map<String, Object> facts, DialerSession session) {
        if (session.lineStartedAt() != null) {
            facts.put(LINE_STARTED_AT, session.lineStartedAt().toEpochMilli());
        }
    }

    /** What is stored in the inbox: the message and its facts, enough to deliver it again later. */
    record Delivery(String message, Map<String, Object> facts) {
    }

    /**
     * Stores the webhook under its key and hands it to the session in one transaction, so that it is stored, applied
     * and marked with one commit: a node that dies before the commit has answered nothing, and Exotel sends the
     * webhook again. A repeat of a stored key is a duplicate. A session busy with its previous webhook is tried
     * again for the messages' patience; one that still cannot take it, or whose handling fails, gets the webhook
     * stored PENDING for {@link #deliverPending()}: never dropped.
     */
    private Receipt deliver(String kind, String key, DialerSession session, String message, Map<String, Object> facts) {
        Delivery delivery = new Delivery(message, facts);
        try {
            boolean stored = SessionMessages.retryingRaces(messages.patience(), () -> Boolean.TRUE.equals(
                    oneTransaction.execute(status -> {
                        if (inbox.receive(kind, key, session.sessionId(), delivery, WebhookInbox.State.APPLIED)
                                .isEmpty()) {
                            return false;
                        }
                        if (message.equals(CUSTOMER_CALL_EVENT)) {
                            // "Record call progress" reads the popup's facts alone
                            messages.correlateOnceToSubprocess(session, message, facts);
                        } else {
                            messages.correlateOnce(session, message, facts);
                        }
                        return true;
                    })));
            return stored ? Receipt.RECORDED : Receipt.DUPLICATE;
        } catch (DuplicateKeyException sameWebhookAtOnce) {
            return Receipt.DUPLICATE;
        } catch (RuntimeException e) {
            if (SessionMessages.isRace(e)) {
                log.info("{} for session {} kept until the session can take it", message, session.sessionId());
            } else {
                log.warn("{} for session {} failed; kept for the inbox sweep: {}", message, session.sessionId(),
                        e.toString());
            }
            return inbox.receive(kind, key, session.sessionId(), delivery, WebhookInbox.State.PENDING).isPresent()
                    ? Receipt.PENDING : Receipt.DUPLICATE;
        }
    }

    private Receipt apply(long inboxId, DialerSession session, Delivery delivery, Duration patience) {
        try {
            messages.correlate(session, delivery.message(), delivery.facts(), patience);
            inbox.mark(inboxId, WebhookInbox.State.APPLIED, null);
            return Receipt.RECORDED;
        } catch (DialerException notWaiting) {
            if (inbox.keepPending(inboxId, notWaiting.getMessage(), retryFor)) {
                log.error("{} for session {} given up on after {}: the session never took it; kept as FAILED",
                        delivery.message(), session.sessionId(), retryFor);
            } else {
                log.info("{} for session {} kept until the session can take it", delivery.message(),
                        session.sessionId());
            }
            return Receipt.PENDING;
        }
    }

    /**
     * Delivers what sessions could not take when it arrived, and what a crashed process stored but never applied;
     * gives up on sessions that have ended meanwhile.
     */
    @Scheduled(fixedDelayString = "${dialer.inbox.retry-interval:PT1S}")
    public void deliverPending() {
        for (WebhookInbox.Entry entry : inbox.pending(clock.instant().minus(orphanedAfter), 50)) {
            if (!inbox.claim(entry)) {
                continue; // another node took it first
            }
            try {
                Optional<DialerSession> session = Optional.ofNullable(entry.sessionId()).flatMap(sessions::find);
                if (session.isEmpty() || session.get().status() == SessionStatus.ENDED) {
                    inbox.mark(entry.id(), WebhookInbox.State.UNMATCHED, "no live session to take this");
                    continue;
                }
                // one try each: a session still busy gets its webhook at the next round, without holding up the others
                apply(entry.id(), session.get(), inbox.read(entry, Delivery.class), Duration.ZERO);
            } catch (RuntimeException e) {
                if (inbox.failed(entry, String.valueOf(e.getMessage()), retryFor)) {
                    log.error("Inbox entry {} ({}) given up on after {}: kept as FAILED", entry.id(), entry.kind(),
                            retryFor, e);
                } else {
                    log.warn("Inbox entry {} ({}) could not be applied, tried again shortly: {}", entry.id(),
                            entry.kind(), e.getMessage());
                }
            }
        }
    }

    /**
     * The agent leg's CallSid names the session. The CustomField and the agent's number only find a session that
     * does not know its CallSid yet (the first webhook raced the connect's answer): a webhook for another call never
     * reaches a session that knows its own.
     */
    private DialerSession resolve(SessionRef ref) {
        Optional<DialerSession> byCall = sessions.findByAgentCallSid(ref.callSid());
        if (byCall.isPresent()) {
            return byCall.get();
        }
        DialerSession session = Optional.ofNullable(ref.customField()).flatMap(sessions::find)
                .or(() -> phoneNumbers.toE164(ref.agentNumber()).flatMap(sessions::findLiveByAgentPhone))
                // the connect may have named this very call between the two reads
                .filter(found -> found.agentCallSid() == null || found.agentCallSid().equals(ref.callSid()))
                .orElseThrow(() -> new DialerException(HttpStatus.NOT_FOUND, "unknown-session",
                        "no session for CallSid " + ref.callSid()));
        // the connect's answer was lost, or is still on its way: this is the session's call from now on
        sessions.learnAgentCallSid(session.sessionId(), ref.callSid());
        return sessions.find(session.sessionId()).orElseThrow();
    }

    /** The webhook's session; one that matches none is kept in the inbox and answered 404. */
    private DialerSession resolve(String kind, SessionRef ref, Object webhook) {
        try {
            return resolve(ref);
        } catch (DialerException unknown) {
            inbox.keepUnmatched(kind, webhook, unknown.getMessage());
            throw unknown;
        }
    }

    /**
     * The session's call to the customer the webhook names: the first of its numbers that is a valid one, or, when
     * Exotel masked them all ({@code 0799567xxxx}), the session's latest call to a number the mask fits.
     */
    private CallRecord callTo(DialerSession session, Stream<String> numbers, String kind, Object webhook) {
        List<String> given = numbers.filter(Objects::nonNull).toList();
        Optional<String> valid = given.stream().map(phoneNumbers::toE164).flatMap(Optional::stream).findFirst();
        if (valid.isPresent()) {
            return callTo(session, valid.get(), kind, webhook);
        }
        return calls.latestOfSession(session.sessionId())
                .filter(latest -> given.stream().anyMatch(masked -> phoneNumbers.maskedMatches(masked,
                        latest.number())))
                .orElseThrow(() -> DialerException.badRequest("no valid phone number, nor a masked one that fits "
                        + "this session's calls, in " + String.join(", ", given)));
    }

    private CallRecord callTo(DialerSession session, String number, String kind, Object webhook) {
        return calls.latest(session.sessionId(), number).orElseThrow(() -> {
            String why = "session " + session.sessionId() + " has not dialled " + number;
            inbox.keepUnmatched(kind, webhook, why);
            return new DialerException(HttpStatus.NOT_FOUND, "unknown-call", why);
        });
    }
}
