package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.exotel.ExotelApiException;
import io.progressivedialer.exotel.ExotelClient;
import io.progressivedialer.agents.Agent;
import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks Exotel to ring the agent and run the campaign's call flow once they answer; the agent is rung once however
 * often the engine runs this job. Exotel's answer cannot be part of the job's transaction, which may still fail to
 * commit after Exotel placed the call (a stop correlated meanwhile, a database blip, the node killed): so the request
 * and its answer are each committed on their own, and a re-run that finds them keeps the call or, with no answer
 * noted, waits for the flow's webhooks to name it.
 */
@Component("connectAgentToFlow")
class ConnectAgentToFlow implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ConnectAgentToFlow.class);

    /** The BPMN error the process catches to wait for the next window of the Exotel API budget. */
    static final String EXOTEL_BUDGET_USED_UP = "EXOTEL_BUDGET_USED_UP";

    private final ExotelClient exotel;
    private final AgentRepository agents;
    private final CampaignRepository campaigns;
    private final SessionRepository sessions;
    private final Clock clock;

    ConnectAgentToFlow(ExotelClient exotel, AgentRepository agents, CampaignRepository campaigns,
                       SessionRepository sessions, Clock clock) {
        this.clock = clock;
        this.exotel = exotel;
        this.agents = agents;
        this.campaigns = campaigns;
        this.sessions = sessions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sessionId = (String) execution.getVariable(SESSION_ID);
        DialerSession session = sessions.find(sessionId).orElseThrow();
        if (session.agentCallSid() != null) {
            // an earlier run of this job placed the call and noted it, or a webhook of the flow named it
            execution.setVariable(AGENT_CALL_SID, session.agentCallSid());
            return;
        }
        Agent agent = agents.find(session.agentId()).orElseThrow();
        Campaign campaign = campaigns.find(session.campaignId()).orElseThrow();
        AtomicBoolean firstAttempt = new AtomicBoolean();
        String callSid;
        try {
            callSid = exotel.connectAgentToFlow(agent.phone(), campaign.callerId(), campaign.flowAppId(), sessionId,
                    () -> {
                        if (!sessions.connectRequested(sessionId, clock.instant())) {
                            throw new ConnectMayBeRinging();
                        }
                        firstAttempt.set(true);
                    });
        } catch (ExotelClient.BudgetUsedUp e) {
            // nothing asked of Exotel: the process waits for the next window, holding no connection meanwhile
            sessions.waitingForBudget(sessionId, clock.instant());
            throw new BpmnError(EXOTEL_BUDGET_USED_UP, e.getMessage());
        } catch (ConnectMayBeRinging e) {
            log.warn("Connect of session {} was asked for before without its answer noted (the job ran again); "
                    + "waiting for Exotel's webhooks instead of ringing the agent again", sessionId);
            return;
        } catch (ExotelApiException e) {
            if (!e.outcomeUnknown()) {
                if (firstAttempt.get()) {
                    sessions.connectNotPlaced(sessionId);
                }
                throw e; // nothing was placed: the engine tries again, then raises an incident
            }
            // Exotel may have rung the agent: never ring them twice. The session waits for the flow's first
            // webhook (it learns its call from it) or, with none within dialer.session.connect-timeout, ends.
            log.warn("Connect of session {} failed with its outcome unknown ({}); waiting for Exotel's webhooks "
                    + "instead of ringing the agent again", sessionId, e.getMessage());
            return;
        }
        execution.setVariable(AGENT_CALL_SID, sessions.connected(sessionId, callSid));
    }

    /** An earlier run of the job asked Exotel for the call: it may be ringing the agent. */
    private static final class ConnectMayBeRinging extends RuntimeException {
        ConnectMayBeRinging() {
            super(null, null, false, false);
        }
    }
}
