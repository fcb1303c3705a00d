package io.progressivedialer.session;

import io.progressivedialer.lead.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sessions")
@Validated
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    record StartRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String agentId,
                        @NotBlank @Pattern(regexp = Ids.PATTERN) String campaignId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("@access.isAgent(#request.agentId(), authentication)")
    DialerSession start(@Valid @RequestBody StartRequest request) {
        return sessions.start(request.agentId(), request.campaignId());
    }

    @GetMapping
    @PreAuthorize("@access.isAgent(#agent, authentication)")
    List<DialerSession> list(@RequestParam(required = false) String agent,
                             @RequestParam(required = false) SessionStatus status,
                             @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return sessions.list(agent, status, limit);
    }

    @GetMapping("/{id}")
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession get(@PathVariable String id) {
        return sessions.get(id);
    }

    record PauseRequest(@NotBlank @Size(max = 32) String reason) {
    }

    /** The agent is ready for the next customer: ends the after-call work or the pause. */
    @PostMapping("/{id}/ready")
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession ready(@PathVariable String id) {
        return sessions.ready(id);
    }

    /** After the current call the agent stays on the line, not ready, for one of dialer.pause.reasons. */
    @PostMapping("/{id}/pause")
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession pause(@PathVariable String id, @Valid @RequestBody PauseRequest request) {
        return sessions.pause(id, request.reason());
    }

    @GetMapping("/pause-reasons")
    List<String> pauseReasons() {
        return sessions.pauseReasons();
    }

    /** Asks the session to stop after the current call. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession stop(@PathVariable String id) {
        return sessions.stop(id);
    }
}
