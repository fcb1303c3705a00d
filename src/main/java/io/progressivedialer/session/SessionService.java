package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.campaigns.CampaignStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts, stops and lists agent sessions; each is an instance of the agent-session process. */
@Service
public class SessionService {

    public static final String PROCESS_KEY = "agent-session";
    static final String STOP_MESSAGE = "SessionStopRequested";
    static final String AGENT_READY_MESSAGE = "AgentReady";
    static final String PAUSE_MESSAGE = "PauseRequested";

    private final SessionRepository sessions;
    private final AgentRepository agents;
    private final CampaignRepository campaigns;
    private final RuntimeService runtime;
    private final SessionMessages messages;
    private final Clock clock;
    private final List<String> pauseReasons;

    SessionService(SessionRepository sessions, AgentRepository agents, CampaignRepository campaigns,
                   RuntimeService runtime, SessionMessages messages, Clock clock,
                   @Value("${dialer.pause.reasons:break,lunch,training,meeting}") List<String> pauseReasons) {
        this.pauseReasons = List.copyOf(pauseReasons);
        this.sessions = sessions;
        this.agents = agents;
        this.campaigns = campaigns;
        this.runtime = runtime;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public DialerSession start(String agentId, String campaignId) {
        agents.find(agentId).orElseThrow(() -> DialerException.notFound("agent", agentId));
        Campaign campaign = campaigns.find(campaignId)
                .orElseThrow(() -> DialerException.notFound("campaign", campaignId));
        if (!campaigns.isMember(campaignId, agentId)) {
            throw new DialerException(HttpStatus.FORBIDDEN, "not-a-member",
                    "agent " + agentId + " does not dial campaign " + campaignId);
        }
        if (campaign.status() != CampaignStatus.ACTIVE) {
            throw DialerException.conflict("campaign " + campaignId + " is " + campaign.status());
        }
        sessions.findLiveByAgent(agentId).ifPresent(live -> {
            throw alreadyLive(agentId, live.sessionId());
        });
        String sessionId = UUID.randomUUID().toString();
        try {
            sessions.insert(sessionId, agentId, campaignId, clock.instant());
        } catch (DuplicateKeyException e) {
            throw alreadyLive(agentId, "started a moment ago");
        }
        String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY,
                new SessionKey(agentId, sessionId).value(),
                Variables.createVariables()
                        .putValue(SESSION_ID, sessionId)
                        .putValue(AGENT_ID, agentId)
                        .putValue(CAMPAIGN_ID, campaignId)
                        .putValue(CALLS_DIALLED, 0)
                        .putValue(OUTCOMES_RECORDED, 0)
                        .putValue(CONSECUTIVE_UNANSWERED, 0)
                        .putValue(STOP_REQUESTED, false)
                        .putValue(PAUSE_REQUESTED, false)
                        .putValue(WRAP_UPS_DONE, 0)
                        .putValue(STATE, SessionStatus.CONNECTING.name()))
                .getId();
        sessions.attachProcess(sessionId, processInstanceId);
        return get(sessionId);
    }

    /** The agent finishes the current call and is then given no further number. */
    public DialerSession stop(String sessionId) {
        DialerSession session = get(sessionId);
        if (session.status() == SessionStatus.ENDED) {
            throw DialerException.conflict("session " + sessionId + " has already ended");
        }
        messages.correlate(session, STOP_MESSAGE, Map.of());
        return get(sessionId);
    }

    /** Every live session of the campaign winds down after its current call. */
    void stopCampaign(String campaignId) {
        for (DialerSession session : sessions.liveOfCampaign(campaignId)) {
            if (session.status() != SessionStatus.STOPPING) {
                messages.correlate(session, STOP_MESSAGE, Map.of());
            }
        }
    }

    /**
     * The agent is ready for the next customer: ends the after-call work or the pause, or takes back a pause asked
     * for during the current call.
     */
    public DialerSession ready(String sessionId) {
        DialerSession session = live(sessionId);
        if (!messages.correlateIfWaiting(session, AGENT_READY_MESSAGE, Map.of())) {
            // a webhook of the session may change it at the same moment: tried again, as correlations are
            SessionMessages.retryingRaces(messages.patience(), () -> {
                runtime.setVariable(session.processInstanceId(), PAUSE_REQUESTED, false);
                return null;
            });
        }
        return get(sessionId);
    }

    /** After the current call the agent stays on the line, not ready, for {@code reason}. */
    public DialerSession pause(String sessionId, String reason) {
        if (!pauseReasons.contains(reason)) {
            throw DialerException.badRequest("reason must be one of " + pauseReasons + " but was " + reason);
        }
        DialerSession session = live(sessionId);
        messages.correlate(session, PAUSE_MESSAGE, Map.of(NotePauseRequest.REQUESTED_REASON, reason));
        return get(sessionId);
    }

    public List<String> pauseReasons() {
        return pauseReasons;
    }

    private DialerSession live(String sessionId) {
        DialerSession session = get(sessionId);
        if (session.status() == SessionStatus.ENDED) {
            throw DialerException.conflict("session " + sessionId + " has already ended");
        }
        return session;
    }

    public DialerSession get(String sessionId) {
        return sessions.find(sessionId).orElseThrow(() -> DialerException.notFound("session", sessionId));
    }

    public List<DialerSession> list(String agentId, SessionStatus status, int limit) {
        return sessions.list(agentId, status, limit);
    }

    private static DialerException alreadyLive(String agentId, String existing) {
        return DialerException.conflict("agent " + agentId + " already has a live session: " + existing);
    }
}
