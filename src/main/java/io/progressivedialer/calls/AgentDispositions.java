package io.progressivedialer.calls;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.DoNotCallRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.rules.LeadFacts;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.lead.LeadStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies the agent's own disposition of a finished call, over the one the call-disposition table made. */
@Service
public class AgentDispositions {

    private final CallRecordRepository calls;
    private final LeadRepository leads;
    private final DoNotCallRepository doNotCall;
    private final CampaignRepository campaigns;
    private final Clock clock;

    public AgentDispositions(CallRecordRepository calls, LeadRepository leads, DoNotCallRepository doNotCall,
                             CampaignRepository campaigns, Clock clock) {
        this.calls = calls;
        this.campaigns = campaigns;
        this.leads = leads;
        this.doNotCall = doNotCall;
        this.clock = clock;
    }

    @Transactional
    /**
     * The callback time is either an instant ({@code callbackAt}) or, as the desk gives it, the customer's own
     * wall-clock time ({@code callbackLocalTime}), read in the lead's time zone.
     */
    public CallRecord dispose(long callId, AgentOutcome outcome, String notes, Instant callbackAt,
                              LocalDateTime callbackLocalTime) {
        CallRecord call = calls.find(callId).orElseThrow(() -> DialerException.notFound("call", callId));
        if (!call.hasOutcome()) {
            throw new DialerException(HttpStatus.CONFLICT, "call-in-progress",
                    "call " + callId + " has no outcome from Exotel yet; dispose of it once it has ended");
        }
        Instant now = clock.instant();
        if (callbackLocalTime != null) {
            Lead called = leads.find(call.leadId()).orElseThrow();
            callbackAt = callbackLocalTime.atZone(LeadFacts.zone(campaigns.find(called.campaignId()).orElseThrow(),
                    called)).toInstant();
        }
        if (outcome == AgentOutcome.CALLBACK && (callbackAt == null || !callbackAt.isAfter(now))) {
            throw DialerException.badRequest("a CALLBACK needs a callbackAt (or callbackLocalTime) in the future");
        }
        // the same outcome saved again changes nothing, but a callback saved again may correct its time
        boolean sameAgain = outcome.name().equals(call.agentOutcome()) && outcome != AgentOutcome.CALLBACK;
        calls.dispose(callId, outcome.name(), notes);
        Lead lead = leads.find(call.leadId()).orElseThrow();
        // Saved twice, or the lead has moved on (dialled again since, or being dialled by another session): the call
        // record takes the outcome and notes, the lead is left to what came after.
        boolean leadMovedOn = lead.status() == LeadStatus.DIALLING
                || calls.latestOfLead(lead.id()).map(latest -> latest.id() != callId).orElse(true);
        if (sameAgain || leadMovedOn) {
            return calls.find(callId).orElseThrow();
        }
        switch (outcome) {
            case INTERESTED, NOT_INTERESTED ->
                    leads.settleUnlessDialling(lead.id(), LeadStatus.CONTACTED, call.status(), null, false);
            case CALLBACK -> leads.scheduleCallback(lead.id(), calls.agentOf(callId), callbackAt);
            case WRONG_NUMBER -> {
                boolean thisNumber = lead.numberToDial().equals(call.number());
                if (thisNumber && lead.hasAlternateAfterCurrent()) {
                    leads.settleUnlessDialling(lead.id(), LeadStatus.RETRY, call.status(), now, true);
                } else if (thisNumber) {
                    leads.settleUnlessDialling(lead.id(), LeadStatus.EXHAUSTED, call.status(), null, false);
                }
            }
            case DO_NOT_CALL -> {
                doNotCall.add(call.number(), "asked on call " + callId, now);
                leads.settleUnlessDialling(lead.id(), LeadStatus.DO_NOT_CALL, call.status(), null, false);
            }
        }
        return calls.find(callId).orElseThrow();
    }
}
