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
import io.progressivedialer.exotel.SessionRef;
import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Finds the session each Exotel webhook belongs to and hands it the webhook as a message. */
@Service
public class SessionWebhooks {

    static final String NEXT_LEAD_REQUESTED = "NextLeadRequested";
    static final String CUSTOMER_CALL_EVENT = "CustomerCallEvent";
    static final String CALL_OUTCOME_REPORTED = "CallOutcomeReported";
    static final String AGENT_LEG_ENDED = "AgentLegEnded";

    private static final Logger log = LoggerFactory.getLogger(SessionWebhooks.class);

    public record Receipt(String status) {
        static final Receipt RECORDED = new Receipt("recorded");
        static final Receipt DUPLICATE = new Receipt("duplicate");
    }

    private final SessionRepository sessions;
    private final CampaignRepository campaigns;
    private final CallRecordRepository calls;
    private final LeadRepository leads;
    private final PhoneNumbers phoneNumbers;
    private final SessionMessages messages;

    SessionWebhooks(SessionRepository sessions, CampaignRepository campaigns, CallRecordRepository calls,
                    LeadRepository leads, PhoneNumbers phoneNumbers, SessionMessages messages) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.calls = calls;
        this.leads = leads;
        this.phoneNumbers = phoneNumbers;
        this.messages = messages;
    }

    /** Dial-whom: the next lead's number, or none, which ends Exotel's loop. */
    public DialWhomAnswer nextNumber(SessionRef ref) {
        DialerSession session = resolve(ref);
        Campaign campaign = campaigns.find(session.campaignId()).orElseThrow();
        if (session.status() == SessionStatus.ENDED) {
            return DialWhomAnswer.noNumber(campaign.callerId());
        }
        Object number = messages.correlate(session, NEXT_LEAD_REQUESTED, Map.of()).get(DIALLED_NUMBER);
        return number == null
                ? DialWhomAnswer.noNumber(campaign.callerId())
                : DialWhomAnswer.dial(number.toString(), campaign.callerId());
    }

    /** Popup: a customer call was dialled, rang, was answered or ended. */
    public Receipt customerCallEvent(CustomerCallEvent event) {
        DialerSession session = resolve(event.session());
        String number = phoneNumbers.requireE164(event.customerNumber(), "DialWhomNumber");
        CallRecord call = callTo(session, number);
        if (call.hasOutcome()) {
            return Receipt.DUPLICATE;
        }
        messages.correlate(session, CUSTOMER_CALL_EVENT,
                Map.of(CALL_RECORD_ID, call.id(), EVENT_TYPE, event.eventType()));
        return Receipt.RECORDED;
    }

    /** Passthru: the customer call is over; its outcome goes to the call record and the lead. */
    public Receipt callOutcome(CallOutcome outcome) {
        DialerSession session = resolve(outcome.session());
        String number = outcome.customerNumbers().map(phoneNumbers::toE164).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> DialerException.badRequest(
                        "neither DialWhomNumber nor Legs[0][Number] is a valid phone number"));
        CallRecord call = callTo(session, number);
        if (call.hasOutcome()) {
            return Receipt.DUPLICATE;
        }
        if (session.status() == SessionStatus.ENDED) {
            log.warn("Outcome {} for {} arrived after session {} ended; not applied", outcome.dialCallStatus(),
                    number, session.sessionId());
            throw new DialerException(HttpStatus.CONFLICT, "session-ended",
                    "session " + session.sessionId() + " has ended; the outcome was not applied");
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
        Lead lead = leads.find(call.leadId()).orElseThrow();
        facts.put("attempts", lead.attempts());
        facts.put("hasAlternateNumber", lead.hasAlternateAfterCurrent());
        messages.correlate(session, CALL_OUTCOME_REPORTED, facts);
        return Receipt.RECORDED;
    }

    /** StatusCallback: the agent's own call is over. */
    public Receipt agentLegEnded(AgentLegEnd end) {
        DialerSession session = resolve(end.session());
        if (session.status() == SessionStatus.ENDED || session.agentCallStatus() != null) {
            return Receipt.DUPLICATE;
        }
        messages.correlate(session, AGENT_LEG_ENDED, Map.of(AGENT_CALL_STATUS, end.status()));
        return Receipt.RECORDED;
    }

    private DialerSession resolve(SessionRef ref) {
        return sessions.findByAgentCallSid(ref.callSid())
                .or(() -> Optional.ofNullable(ref.customField()).flatMap(sessions::find))
                .or(() -> phoneNumbers.toE164(ref.agentNumber()).flatMap(sessions::findLiveByAgentPhone))
                .orElseThrow(() -> new DialerException(HttpStatus.NOT_FOUND, "unknown-session",
                        "no session for CallSid " + ref.callSid()));
    }

    private CallRecord callTo(DialerSession session, String number) {
        return calls.latest(session.sessionId(), number).orElseThrow(() -> new DialerException(
                HttpStatus.NOT_FOUND, "unknown-call", "session " + session.sessionId() + " has not dialled " + number));
    }
}
