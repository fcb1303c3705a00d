package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.desk.AgentDesk;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Follows a customer call through the popup's events: Dial, Ringing, Answered, Terminal. */
@Component("recordCallProgress")
class RecordCallProgress implements JavaDelegate {

    private final CallRecordRepository calls;
    private final AgentStates agentStates;
    private final AgentDesk desk;
    private final Clock clock;

    RecordCallProgress(CallRecordRepository calls, AgentStates agentStates, AgentDesk desk, Clock clock) {
        this.agentStates = agentStates;
        this.desk = desk;
        this.calls = calls;
        this.clock = clock;
    }

    /** Reads only the popup's facts and the session's key: the session's variables are not loaded for a popup. */
    @Override
    public void execute(DelegateExecution execution) {
        long callRecordId = ((Number) execution.getVariable(CALL_RECORD_ID)).longValue();
        String eventType = (String) execution.getVariable(EVENT_TYPE);
        Instant answeredAt = eventType.equals("Answered") ? clock.instant() : null;
        boolean movedOn = calls.progress(callRecordId, switch (eventType) {
            case "Dial" -> "dialling";
            case "Ringing" -> "ringing";
            case "Answered" -> "answered";
            default -> "ended";
        }, answeredAt);
        if (!movedOn) {
            return;
        }
        SessionKey session = SessionKey.of(execution);
        if (answeredAt != null) {
            agentStates.customerAnswered(session.sessionId(), session.agentId(), answeredAt);
        }
        desk.callEvent(session.agentId(), callRecordId, eventType);
    }
}
