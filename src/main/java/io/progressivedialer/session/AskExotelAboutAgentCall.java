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

    AskExotelAboutAgentCall(ExotelClient exotel) {
        this.exotel = exotel;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ExotelApi.Call call = exotel.callDetails((String) execution.getVariable(AGENT_CALL_SID));
        execution.setVariable(AGENT_CALL_OVER, Variables.booleanValue(call.isOver(), true));
        execution.setVariable(AGENT_CALL_STATUS, Variables.stringValue(call.status(), true));
    }
}
