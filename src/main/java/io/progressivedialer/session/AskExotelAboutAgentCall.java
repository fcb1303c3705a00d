package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.exotel.ExotelApi;
import io.progressivedialer.exotel.ExotelClient;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Exotel's callbacks can be delayed or lost: after a quiet spell the session asks Exotel's Call Details API
 * whether the agent's call is still up.
 */
@Component("askExotelAboutAgentCall")
class AskExotelAboutAgentCall implements JavaDelegate {

    static final String AGENT_CALL_OVER = "agentCallOver";

    private final ExotelClient exotel;
    private final SessionRepository sessions;

    AskExotelAboutAgentCall(ExotelClient exotel, SessionRepository sessions) {
        this.exotel = exotel;
        this.sessions = sessions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the session row knows the call even when a webhook, not the connect's answer, named it
        String callSid = sessions.find((String) execution.getVariable(SESSION_ID)).map(DialerSession::agentCallSid)
                .orElse((String) execution.getVariable(AGENT_CALL_SID));
        if (callSid == null) {
            // the connect's outcome is unknown and no webhook named the call yet: the agent may still be ringing;
            // without one within dialer.session.connect-timeout the session is ended as stuck
            execution.setVariable(AGENT_CALL_OVER, Variables.booleanValue(false, true));
            return;
        }
        ExotelApi.Call call = exotel.callDetails(callSid);
        execution.setVariable(AGENT_CALL_OVER, Variables.booleanValue(call.isOver(), true));
        execution.setVariable(AGENT_CALL_STATUS, Variables.stringValue(call.status(), true));
    }
}
