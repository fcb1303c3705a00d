package io.progressivedialer.security;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final AgentAccess access;

    MeController(AgentAccess access) {
        this.access = access;
    }

    record Me(String username, boolean admin) {
    }

    /** Who is signed in: the agent desk opens the signed-in agent's own desk. */
    @GetMapping("/api/me")
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), access.isAdmin(authentication));
    }
}
