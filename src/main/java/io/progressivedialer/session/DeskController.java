package io.progressivedialer.session;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.desk.AgentDesk;
import io.progressivedialer.lead.AgentRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What the agent's desk shows right now, so that a reload or a sign-in mid-call picks up where the agent is. */
@RestController
class DeskController {

    /** The agent's live session (null when none), its latest call and that call's customer card. */
    record Desk(DialerSession session, CallRecord call, AgentDesk.LeadCard lead) {
    }

    private final AgentRepository agents;
    private final SessionRepository sessions;
    private final CallRecordRepository calls;
    private final AgentDesk desk;

    DeskController(AgentRepository agents, SessionRepository sessions, CallRecordRepository calls, AgentDesk desk) {
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
                    "lead":{"leadId":7,"name":"Ravi Kumar","number":"+919876543210","attempts":1}}""")))
    @ApiResponse(responseCode = "403", description = "another agent's desk")
    @ApiResponse(responseCode = "404", description = "no such agent")
    @GetMapping("/api/agents/{id}/desk")
    @PreAuthorize("@access.isAgent(#id, authentication)")
    Desk desk(@Parameter(description = "the agent") @PathVariable String id) {
        agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
        DialerSession session = sessions.findLiveByAgent(id).orElse(null);
        CallRecord call = session == null ? null : calls.latestOfSession(session.sessionId()).orElse(null);
        return new Desk(session, call, call == null ? null : desk.card(call));
    }
}
