package io.progressivedialer.desk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.agents.AgentRepository;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class AgentEventsController {

    private final AgentEvents events;
    private final AgentRepository agents;

    AgentEventsController(AgentEvents events, AgentRepository agents) {
        this.events = events;
        this.agents = agents;
    }

    /** The wallboard's live feed: every agent's state as it changes, and sessions starting and ending. */
    @Operation(summary = "The wallboard's live feed (Server-Sent Events)",
            description = "A state event whenever an agent's state changes; a heartbeat comment every 15 s.")
    @ApiResponse(responseCode = "200", description = "the event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, examples = @ExampleObject(value = """
            event:state
            data:{"agentId":"agent-1","sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","agentState":"WRAP_UP",\
            "since":"2026-11-26T04:41:12Z"}
            """)))
    @ApiResponse(responseCode = "403", description = "not a supervisor")
    @GetMapping(path = "/api/floor/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter floor() {
        return events.subscribeFloor();
    }

    /** The agent's live screen: the lead being dialled, the call's progress and outcome, the session's state. */
    @Operation(summary = "The agent's live screen (Server-Sent Events)", description = "Events dialling (the "
            + "customer's card), call (each popup), outcome and state as they happen, whichever node took Exotel's "
            + "webhook; at most three streams per agent (a fourth closes the oldest).")
    @ApiResponse(responseCode = "200", description = "the event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, examples = @ExampleObject(value = """
            event:dialling
            data:{"agentId":"agent-1","sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","callId":1017,\
            "lead":{"leadId":42,"name":"Ravi Kumar","phone":"+919876543210","number":"+919876543210",\
            "timezone":"Asia/Kolkata","attributes":{"city":"Pune"},"attempts":1,"status":"DIALLING",\
            "selection":{"decision":"lead-selection","version":3,"score":10070.0,\
            "rules":["otherwise dial, best score first"]},"history":[]}}
            """)))
    @ApiResponse(responseCode = "404", description = "no such agent")
    @GetMapping(path = "/api/agents/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("@access.isAgent(#id, authentication)")
    SseEmitter events(@Parameter(description = "the agent id") @PathVariable String id) {
        agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
        return events.subscribe(id);
    }
}
