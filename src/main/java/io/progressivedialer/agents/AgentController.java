package io.progressivedialer.agents;

import io.progressivedialer.common.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    record AgentRequest(@Schema(example = "asha") @NotBlank @Pattern(regexp = Ids.PATTERN) String id,
                        @Schema(example = "Asha Rao") @NotBlank @Size(max = 200) String name,
                        @Schema(example = "09900000101", description = "any form libphonenumber reads; kept in E.164")
                        @NotBlank @Size(max = 32) String phone,
                        @Schema(example = "a-long-desk-password", description = "the agent's desk sign-in; optional")
                        @Size(min = 8, max = 100) String password) {
    }

    static final String AGENT = "{\"id\":\"asha\",\"name\":\"Asha Rao\",\"phone\":\"+919900000101\"}";

    @Operation(summary = "List agents")
    @ApiResponse(responseCode = "200", description = "the agents",
            content = @Content(examples = @ExampleObject(value = "[" + AGENT + "]")))
    @ApiResponse(responseCode = "403", description = "not an administrator")
    @GetMapping
    List<Agent> list() {
        return agents.list();
    }

    @Operation(summary = "One agent", description = "An agent may read only themselves.")
    @ApiResponse(responseCode = "200", description = "the agent",
            content = @Content(examples = @ExampleObject(value = AGENT)))
    @ApiResponse(responseCode = "404", description = "no such agent")
    @GetMapping("/{id}")
    @PreAuthorize("@access.isAgent(#id, authentication)")
    Agent get(@Parameter(description = "the agent id") @PathVariable String id) {
        return agents.find(id).orElseThrow(() -> DialerException.notFound("agent", id));
    }

    /** Creates or updates an agent; the phone is stored in E.164, the password (for the desk) as a hash. */
    @Operation(summary = "Create or update an agent", description = "The phone is kept in E.164; the password, "
            + "for the desk, as a hash.")
    @ApiResponse(responseCode = "200", description = "the agent",
            content = @Content(examples = @ExampleObject(value = AGENT)))
    @ApiResponse(responseCode = "400", description = "a malformed id, a missing name, a phone libphonenumber cannot "
            + "read, or a password under 8 characters")
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
