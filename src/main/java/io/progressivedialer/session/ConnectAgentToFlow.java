package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.exotel.ExotelApiException;
import io.progressivedialer.exotel.ExotelClient;
import io.progressivedialer.lead.Agent;
import io.progressivedialer.lead.AgentRepository;
import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Asks Exotel to ring the agent and run the campaign's call flow once they answer. */
@Component("connectAgentToFlow")
class ConnectAgentToFlow implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ConnectAgentToFlow.class);

    private final ExotelClient exotel;
    private final AgentRepository agents;
    private final CampaignRepository campaigns;
    private final SessionRepository sessions;

    ConnectAgentToFlow(ExotelClient exotel, AgentRepository agents, CampaignRepository campaigns,
                       SessionRepository sessions) {
        this.exotel = exotel;
        this.agents = agents;
        this.campaigns = campaigns;
        this.sessions = sessions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sessionId = (String) execution.getVariable(SESSION_ID);
        Agent agent = agents.find((String) execution.getVariable(AGENT_ID)).orElseThrow();
        Campaign campaign = campaigns.find((String) execution.getVariable(CAMPAIGN_ID)).orElseThrow();
        String callSid;
        try {
            callSid = exotel.connectAgentToFlow(agent.phone(), campaign.callerId(), campaign.flowAppId(), sessionId);
        } catch (ExotelApiException e) {
            if (!e.outcomeUnknown()) {
                throw e; // nothing was placed: the engine tries again, then raises an incident
            }
            // Exotel may have rung the agent: never ring them twice. The session waits for the flow's first
            // webhook (it learns its call from it) or, with none within dialer.session.connect-timeout, ends.
            log.warn("Connect of session {} failed with its outcome unknown ({}); waiting for Exotel's webhooks "
                    + "instead of ringing the agent again", sessionId, e.getMessage());
            return;
        }
        sessions.connected(sessionId, callSid);
        execution.setVariable(AGENT_CALL_SID, callSid);
    }
}
