package io.progressivedialer.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final AgentAccess access;

    MeController(AgentAccess access) {
        this.access = access;
    }

    record Me(String username, List<String> roles) {
    }

    /** Who is signed in: an agent's desk opens their own; a supervisor or administrator chooses whose desk to open. */
    @Operation(summary = "Who is signed in, and their roles")
    @ApiResponse(responseCode = "200", description = "the signed-in user",
            content = @Content(examples = @ExampleObject(value = "{\"username\":\"agent-1\",\"roles\":[\"AGENT\"]}")))
    @GetMapping("/api/me")
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), access.roles(authentication));
    }
}
