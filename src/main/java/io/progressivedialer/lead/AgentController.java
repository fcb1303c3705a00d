package io.progressivedialer.lead;

import io.progressivedialer.common.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agents")
class AgentController {

    private final AgentRepository agents;
    private final PhoneNumbers phoneNumbers;

    AgentController(AgentRepository agents, PhoneNumbers phoneNumbers) {
        this.agents = agents;
        this.phoneNumbers = phoneNumbers;
    }

    record AgentRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String id,
                        @NotBlank @Size(max = 200) String name,
                        @NotBlank @Size(max = 32) String phone) {
    }

    /** Creates or updates an agent; the phone is stored in E.164. */
    @PostMapping
    Agent save(@Valid @RequestBody AgentRequest request) {
        Agent agent = new Agent(request.id(), request.name(), phoneNumbers.requireE164(request.phone(), "phone"));
        agents.save(agent);
        return agent;
    }
}
