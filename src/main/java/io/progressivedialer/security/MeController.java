package io.progressivedialer.security;

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
    @GetMapping("/api/me")
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), access.roles(authentication));
    }
}
