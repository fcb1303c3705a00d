package io.progressivedialer.lead;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agents")
class AgentController {

    private final AgentRepository agents;
    private final PhoneNumbers phoneNumbers;
    private final PasswordEncoder passwords;

    AgentController(AgentRepository agents, PhoneNumbers phoneNumbers, PasswordEncoder passwords) {
        this.agents = agents;
        this.phoneNumbers = phoneNumbers;
        this.passwords = passwords;
    }

    record AgentRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String id,
                        @NotBlank @Size(max = 200) String name,
                        @NotBlank @Size(max = 32) String phone,
                        @Size(min = 8, max = 100) String password) {
    }

    @GetMapping
    List<Agent> list() {
        return agents.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("@access.isAgent(#id, authentication)")
    Agent get(@PathVariable String id) {
        return agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
    }

    /** Creates or updates an agent; the phone is stored in E.164, the password (for the desk) as a hash. */
    @PostMapping
    Agent save(@Valid @RequestBody AgentRequest request) {
        Agent agent = new Agent(request.id(), request.name(), phoneNumbers.requireE164(request.phone(), "phone"));
        agents.save(agent);
        if (request.password() != null) {
            agents.setPasswordHash(agent.id(), passwords.encode(request.password()));
        }
        return agent;
    }
}
