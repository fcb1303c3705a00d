package io.progressivedialer.lead;

import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.common.DialerException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The callbacks an agent promised, for their desk. */
@RestController
@RequestMapping("/api/agents")
class AgentCallbacksController {

    private final AgentRepository agents;
    private final LeadRepository leads;

    AgentCallbacksController(AgentRepository agents, LeadRepository leads) {
        this.agents = agents;
        this.leads = leads;
    }

    @Operation(summary = "The callbacks an agent promised, the soonest first",
            description = "Leads of the agent's with a callback time still to be kept. An agent may read only their own.")
    @ApiResponse(responseCode = "200", description = "the leads, each with its callbackAt",
            content = @Content(examples = @ExampleObject(value = "[" + LeadController.LEAD + "]")))
    @ApiResponse(responseCode = "404", description = "no such agent")
    @GetMapping("/{id}/callbacks")
    @PreAuthorize("@access.isAgent(#id, authentication)")
    List<Lead> callbacks(@Parameter(description = "the agent id") @PathVariable String id) {
        agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
        return leads.callbacksOf(id, 100);
    }
}
