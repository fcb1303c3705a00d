package io.progressivedialer.desk;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.calls.CallSelection;
import io.progressivedialer.calls.CrmOutbox;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.rules.LeadFacts;
import io.progressivedialer.lead.LeadRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the agent's screen and the CRM are told as a session goes: the customer being dialled with their details
 * and history, the call's progress, its outcome, and the session's state.
 */
@Service
public class AgentDesk {

    /** The customer as the agent sees them when Exotel dials. */
    /** The customer as the desk shows them; {@code timezone} is theirs, in which a callback is entered. */
    public record LeadCard(long leadId, String name, String phone, String number, String timezone,
                           Map<String, String> attributes, int attempts, String lastOutcome, String status,
                           CallSelection selection, List<CallRecord> history) {
    }

    public record Dialling(String agentId, String sessionId, long callId, LeadCard lead) {
    }

    public record CallEvent(String agentId, String sessionId, long callId, String number, String eventType,
                            LeadCard lead) {
    }

    public record SessionState(String sessionId, String status, String endReason) {
    }

    /** Where the agent is in the shift: READY, DIALLING, ON_CALL, WRAP_UP, PAUSED (with reason), WAITING... */
    public record AgentStateChange(String sessionId, String agentState, String reason, Instant since) {
    }

    public record PauseRequest(String sessionId, String reason) {
    }

    private final AgentEvents events;
    private final CrmOutbox crm;
    private final LeadRepository leads;
    private final CallRecordRepository calls;
    private final LeadFacts leadFacts;
    private final CampaignRepository campaigns;

    AgentDesk(AgentEvents events, CrmOutbox crm, LeadRepository leads, CallRecordRepository calls, LeadFacts leadFacts,
              CampaignRepository campaigns) {
        this.campaigns = campaigns;
        this.events = events;
        this.crm = crm;
        this.leads = leads;
        this.calls = calls;
        this.leadFacts = leadFacts;
    }

    // Each event is built only when someone takes it: a screen open on any node, or the CRM. The desk reads its
    // state afresh when it opens (GET /api/agents/{id}/desk), so nothing shown is lost by not writing it before.

    /** Exotel is about to dial this call's customer for the agent. */
    public void dialling(String agentId, String sessionId, long callId) {
        if (!events.watched(agentId)) {
            return;
        }
        CallRecord call = calls.find(callId).orElseThrow();
        events.publish(agentId, "dialling", new Dialling(agentId, sessionId, callId, card(call)));
    }

    /** A popup from Exotel: Dial, Ringing, Answered or Terminal. */
    public void callEvent(String agentId, long callId, String eventType) {
        if (!events.watched(agentId) && !crm.enabled()) {
            return;
        }
        CallRecord call = calls.find(callId).orElseThrow();
        CallEvent event = new CallEvent(agentId, call.sessionId(), callId, call.number(), eventType, card(call));
        events.publish(agentId, "call", event);
        crm.enqueue("popup", event);
    }

    /** The call's outcome is recorded. */
    public void callEnded(String agentId, long callId) {
        if (!events.watched(agentId) && !crm.enabled()) {
            return;
        }
        CallRecord call = calls.find(callId).orElseThrow();
        events.publish(agentId, "outcome", call);
        crm.enqueue("call", Map.of("agentId", agentId, "call", call, "lead", card(call)));
    }

    public void agentState(String agentId, String sessionId, String agentState, String reason, Instant since) {
        events.publish(agentId, "state", new AgentStateChange(sessionId, agentState, reason, since));
        events.publishToFloor("state", new FloorChange(agentId, sessionId, agentState, reason, since));
    }

    /** An agent's state, or their session's, changed: for the wallboard. */
    public record FloorChange(String agentId, String sessionId, String state, String reason, Instant since) {
    }

    /** A pause is asked for: it begins after the current call. */
    public void pauseRequested(String agentId, String sessionId, String reason) {
        events.publish(agentId, "pause", new PauseRequest(sessionId, reason));
    }

    public void sessionChanged(String agentId, String sessionId, String status, String endReason) {
        events.publish(agentId, "session", new SessionState(sessionId, status, endReason));
        events.publishToFloor("session", new FloorChange(agentId, sessionId, status, endReason, null));
    }

    /** The customer card of a call, as the desk showed it when the call was dialled. */
    public LeadCard card(CallRecord call) {
        Lead lead = leads.find(call.leadId()).orElseThrow();
        ZoneId zone = LeadFacts.zone(campaigns.find(lead.campaignId()).orElseThrow(), lead);
        return new LeadCard(lead.id(), lead.name(), lead.phone(), call.number(), zone.getId(),
                leadFacts.attributes(lead),
                lead.attempts(), lead.lastOutcome(), lead.status().name(), call.selection(),
                calls.list(CallRecordRepository.CallSearch.of(null, lead.id()), 50, false));
    }
}
