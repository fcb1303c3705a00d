package io.progressivedialer.desk;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.lead.AgentRepository;
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
    @GetMapping(path = "/api/floor/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter floor() {
        return events.subscribeFloor();
    }

    /** The agent's live screen: the lead being dialled, the call's progress and outcome, the session's state. */
    @GetMapping(path = "/api/agents/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("@access.isAgent(#id, authentication)")
    SseEmitter events(@PathVariable String id) {
        agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
        return events.subscribe(id);
    }
}
