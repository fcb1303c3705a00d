package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.campaigns.CampaignStatus;
import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When Exotel asks whether the agent may take the next customer, and whenever a wrap-up, pause or wait ends:
 * after-call work is owed first (the campaign's {@code wrapUpSeconds}); then a pause, the agent's or the campaign's;
 * then, when no lead is ready now but one falls due within {@code dialer.session.wait-for-leads}, or leads are
 * still being screened for DND, waiting for it; else ready. A session that is winding down is always ready, so that Exotel reaches dial-whom and ends the loop.
 */
@Component("decideAgentsNextStep")
class DecideAgentsNextStep implements JavaDelegate {

    static final String CAMPAIGN_PAUSED = "campaign paused";
    /** A wait looks again at least this often, so that a pause or a stop is taken while waiting. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final CampaignRepository campaigns;
    private final LeadRepository leads;
    private final ScreeningWait screeningWait;
    private final SessionWindDown windDown;
    private final AgentStates agentStates;
    private final Clock clock;
    private final Duration waitForLeads;
    private final Duration pauseMaxOnLine;

    DecideAgentsNextStep(CampaignRepository campaigns, LeadRepository leads, ScreeningWait screeningWait,
                         SessionWindDown windDown,
                         AgentStates agentStates, Clock clock,
                         @Value("${dialer.session.wait-for-leads:PT5M}") Duration waitForLeads,
                         @Value("${dialer.pause.max-on-line:PT15M}") Duration pauseMaxOnLine) {
        this.campaigns = campaigns;
        this.leads = leads;
        this.screeningWait = screeningWait;
        this.windDown = windDown;
        this.agentStates = agentStates;
        this.clock = clock;
        this.waitForLeads = waitForLeads;
        this.pauseMaxOnLine = pauseMaxOnLine;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = clock.instant();
        Campaign campaign = campaigns.find((String) execution.getVariable(CAMPAIGN_ID)).orElseThrow();
        if (campaign.status() == CampaignStatus.STOPPED && !SessionStatus.STOPPING.name().equals(
                execution.getVariable(STATE))) {
            execution.setVariable(STOP_REQUESTED, true);
            windDown.apply(execution);
        }
        if (SessionStatus.STOPPING.name().equals(execution.getVariable(STATE))) {
            next(execution, Step.READY, AgentState.READY, null, now);
            return;
        }
        int dialled = number(execution, CALLS_DIALLED);
        if (number(execution, WRAP_UPS_DONE) < dialled) {
            execution.setVariable(WRAP_UPS_DONE, dialled);
            if (campaign.wrapUpSeconds() > 0) {
                StepFacts.set(execution, WRAP_UP_DURATION, Duration.ofSeconds(campaign.wrapUpSeconds()).toString());
                next(execution, Step.WRAP_UP, AgentState.WRAP_UP, null, now);
                return;
            }
        }
        String pauseReason = Boolean.TRUE.equals(execution.getVariable(PAUSE_REQUESTED))
                ? (String) execution.getVariable(PAUSE_REASON)
                : campaign.status() == CampaignStatus.PAUSED ? CAMPAIGN_PAUSED : null;
        if (pauseReason != null) {
            Date since = (Date) execution.getVariable(PAUSED_SINCE);
            if (since == null) {
                since = Date.from(now);
                execution.setVariable(PAUSED_SINCE, since);
            }
            StepFacts.set(execution, PAUSE_ENDS_AT, Date.from(since.toInstant().plus(pauseMaxOnLine)));
            next(execution, Step.PAUSE, AgentState.PAUSED, pauseReason, now);
            return;
        }
        if (execution.getVariable(PAUSED_SINCE) != null) {
            // every variable set is an update, even to the value it has
            execution.setVariable(PAUSED_SINCE, null);
        }
        String agentId = (String) execution.getVariable(AGENT_ID);
        Optional<Instant> due = leads.nextDue(campaign.id(), agentId, now, now.plus(waitForLeads));
        if (due.isPresent() && due.get().isAfter(now)) {
            Instant lookAgain = now.plus(LONGEST_WAIT);
            StepFacts.set(execution, WAIT_UNTIL, Date.from(due.get().isBefore(lookAgain) ? due.get() : lookAgain));
            next(execution, Step.WAIT, AgentState.WAITING, null, now);
            return;
        }
        if (due.isEmpty() && screeningWait.waits(execution, campaign.id(), agentId, now)) {
            // a list still being screened: the agent waits on the line rather than being hung up with no lead
            StepFacts.set(execution, WAIT_UNTIL, Date.from(screeningWait.lookAgain(execution, now.plus(LONGEST_WAIT))));
            next(execution, Step.WAIT, AgentState.WAITING, ScreeningWait.REASON, now);
            return;
        }
        next(execution, Step.READY, AgentState.READY, null, now);
    }

    enum Step { WRAP_UP, PAUSE, WAIT, READY }

    private void next(DelegateExecution execution, Step step, AgentState state, String reason, Instant now) {
        StepFacts.set(execution, NEXT_STEP, step.name());
        agentStates.enter(execution, state, reason, now);
    }

    private static int number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? 0 : ((Number) value).intValue();
    }
}
