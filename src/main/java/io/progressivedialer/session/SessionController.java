package io.progressivedialer.session;

import io.progressivedialer.common.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    record StartRequest(@Schema(example = "agent-1") @NotBlank @Pattern(regexp = Ids.PATTERN) String agentId,
                        @Schema(example = "demo") @NotBlank @Pattern(regexp = Ids.PATTERN) String campaignId) {
    }

    /** A session as the API shows it: here in after-call work after its third call. */
    static final String SESSION = """
            {"sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","agentId":"agent-1","campaignId":"demo",
            "processInstanceId":"4f1e8a2b-cb1f-11ef-9f3a-0242ac120002",
            "agentCallSid":"b6cfaf5fa7b3e5f3d4e3a4c2b1d0e9f8",
            "agentCallStatus":"in-progress","status":"ACTIVE","callsMade":3,"currentLeadId":42,
            "startedAt":"2026-11-26T04:30:00Z","agentState":"WRAP_UP","agentStateSince":"2026-11-26T04:41:12Z"}""";

    @Operation(summary = "Start an agent's session", description = "Exotel rings the agent, then feeds them the "
            + "campaign's customers one at a time. The agent must be one of the campaign's agents.")
    @ApiResponse(responseCode = "201", description = "the session, connecting the agent",
            content = @Content(examples = @ExampleObject(value = """
                    {"sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","agentId":"agent-1","campaignId":"demo",
                    "processInstanceId":"4f1e8a2b-cb1f-11ef-9f3a-0242ac120002","status":"CONNECTING","callsMade":0,
                    "agentState":"READY","startedAt":"2026-11-26T04:30:00Z"}""")))
    @ApiResponse(responseCode = "400", description = "agentId or campaignId missing or malformed")
    @ApiResponse(responseCode = "403", description = "the agent does not dial this campaign, or is another agent")
    @ApiResponse(responseCode = "404", description = "no such agent or campaign")
    @ApiResponse(responseCode = "409", description = "the agent has a live session already, or the campaign is stopped")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("@access.isAgent(#request.agentId(), authentication)")
    DialerSession start(@Valid @RequestBody StartRequest request) {
        return sessions.start(request.agentId(), request.campaignId());
    }

    @Operation(summary = "List sessions, newest first", description = "An agent sees only their own.")
    @ApiResponse(responseCode = "200", description = "the sessions",
            content = @Content(examples = @ExampleObject(value = "[" + SESSION + "]")))
    @ApiResponse(responseCode = "400", description = "an unknown status, or a limit outside 1 to 10000")
    @GetMapping
    @PreAuthorize("@access.isAgent(#agent, authentication)")
    List<DialerSession> list(@Parameter(description = "only this agent's") @RequestParam(required = false) String agent,
                             @Parameter(description = "only sessions in this status")
                             @RequestParam(required = false) SessionStatus status,
                             @Parameter(description = "at most this many, 1 to 10000")
                             @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return sessions.list(agent, status, limit);
    }

    @Operation(summary = "One session: its status, the agent's state and since when, its calls")
    @ApiResponse(responseCode = "200", description = "the session",
            content = @Content(examples = @ExampleObject(value = SESSION)))
    @ApiResponse(responseCode = "404", description = "no such session")
    @GetMapping("/{id}")
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession get(@Parameter(description = "the session id") @PathVariable String id) {
        return sessions.get(id);
    }

    record PauseRequest(@Schema(example = "lunch", description = "one of dialer.pause.reasons")
                        @NotBlank @Size(max = 32) String reason) {
    }

    /** The agent is ready for the next customer: ends the after-call work or the pause. */
    @Operation(summary = "The agent is ready: ends after-call work or a pause",
            description = "Also takes back a pause asked for during the current call. Saving an outcome does not "
                    + "end after-call work; this does.")
    @ApiResponse(responseCode = "200", description = "the session",
            content = @Content(examples = @ExampleObject(value = SESSION)))
    @ApiResponse(responseCode = "404", description = "no such session")
    @ApiResponse(responseCode = "409", description = "the session has ended")
    @PostMapping("/{id}/ready")
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession ready(@Parameter(description = "the session id") @PathVariable String id) {
        return sessions.ready(id);
    }

    /** After the current call the agent stays on the line, not ready, for one of dialer.pause.reasons. */
    @Operation(summary = "Pause the agent after the current call",
            description = "The agent stays on the line, not ready, until Ready; after dialer.pause.max-on-line the "
                    + "session winds down as PAUSED_TOO_LONG.")
    @ApiResponse(responseCode = "200", description = "the session",
            content = @Content(examples = @ExampleObject(value = SESSION)))
    @ApiResponse(responseCode = "400", description = "a reason that is not one of dialer.pause.reasons")
    @ApiResponse(responseCode = "404", description = "no such session")
    @ApiResponse(responseCode = "409", description = "the session has ended")
    @PostMapping("/{id}/pause")
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession pause(@Parameter(description = "the session id") @PathVariable String id,
                        @Valid @RequestBody PauseRequest request) {
        return sessions.pause(id, request.reason());
    }

    @Operation(summary = "The reasons an agent may pause for (dialer.pause.reasons)")
    @ApiResponse(responseCode = "200", description = "the reasons",
            content = @Content(examples = @ExampleObject(value = "[\"break\",\"lunch\",\"training\",\"meeting\"]")))
    @GetMapping("/pause-reasons")
    List<String> pauseReasons() {
        return sessions.pauseReasons();
    }

    /** Asks the session to stop after the current call. */
    @Operation(summary = "Stop the session after the current call", description = "The agent gets no next "
            + "customer; the session ends once Exotel's agent leg has ended and every call has its outcome.")
    @ApiResponse(responseCode = "202", description = "the session, stopping",
            content = @Content(examples = @ExampleObject(value = """
                    {"sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","agentId":"agent-1","campaignId":"demo",
                    "status":"STOPPING","callsMade":3,"agentState":"ON_CALL"}""")))
    @ApiResponse(responseCode = "404", description = "no such session")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("@access.ownsSession(#id, authentication)")
    DialerSession stop(@Parameter(description = "the session id") @PathVariable String id) {
        return sessions.stop(id);
    }
}
