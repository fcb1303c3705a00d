package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.PAUSE_REASON;
import static io.progressivedialer.session.SessionVariables.PAUSE_REQUESTED;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.desk.AgentDesk;
import io.progressivedialer.agents.AgentRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What the agent's desk shows right now, so that a reload or a sign-in mid-call picks up where the agent is. */
@RestController
class DeskController {

    /**
     * The agent's live session (null when none), its latest call and that call's customer card, and the reason of a
     * pause asked for that begins after the current call.
     */
    record Desk(DialerSession session, CallRecord call, AgentDesk.LeadCard lead, String pauseAfterCall) {
    }

    private final AgentRepository agents;
    private final SessionRepository sessions;
    private final CallRecordRepository calls;
    private final AgentDesk desk;
    private final RuntimeService runtime;

    DeskController(AgentRepository agents, SessionRepository sessions, CallRecordRepository calls, AgentDesk desk,
                   RuntimeService runtime) {
        this.runtime = runtime;
        this.agents = agents;
        this.sessions = sessions;
        this.calls = calls;
        this.desk = desk;
    }

    @Operation(summary = "The agent's desk now: live session, agent state, current customer and call")
    @ApiResponse(responseCode = "200", description = "the desk; session, call and lead are absent when there is none",
            content = @Content(examples = @ExampleObject(value = """
                    {"session":{"sessionId":"6f1c...","agentId":"asha","campaignId":"sales","status":"ACTIVE",
                    "callsMade":3,"agentState":"WRAP_UP","agentStateSince":"2026-11-25T10:31:02Z"},
                    "call":{"id":42,"number":"+919876543210","status":"completed","conversationSeconds":95},
                    "lead":{"leadId":7,"name":"Ravi Kumar","number":"+919876543210","attempts":1},
                    "pauseAfterCall":"lunch"}""")))
    @ApiResponse(responseCode = "403", description = "another agent's desk")
    @ApiResponse(responseCode = "404", description = "no such agent")
    @GetMapping("/api/agents/{id}/desk")
    @PreAuthorize("@access.isAgent(#id, authentication)")
    Desk desk(@Parameter(description = "the agent") @PathVariable String id) {
        agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
        DialerSession session = sessions.findLiveByAgent(id).orElse(null);
        CallRecord call = session == null ? null : calls.latestOfSession(session.sessionId()).orElse(null);
        return new Desk(session, call, call == null ? null : desk.card(call), pauseAfterCall(session));
    }

    /** Kept by the session's process until the pause begins or the agent takes it back with Ready. */
    private String pauseAfterCall(DialerSession session) {
        if (session == null || session.processInstanceId() == null || session.agentState() == AgentState.PAUSED) {
            return null;
        }
        try {
            Map<String, Object> pause = runtime.getVariables(session.processInstanceId(),
                    List.of(PAUSE_REQUESTED, PAUSE_REASON));
            return Boolean.TRUE.equals(pause.get(PAUSE_REQUESTED)) ? (String) pause.get(PAUSE_REASON) : null;
        } catch (NullValueException e) {
            return null; // the process ended a moment ago
        }
    }
}
