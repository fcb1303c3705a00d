package io.progressivedialer.session;

import io.progressivedialer.common.DialerException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The webhooks the dialer kept without applying them: those given up on, and those that matched no session. */
@RestController
@RequestMapping("/api/webhooks")
@Validated
class WebhookInboxController {

    private static final String KEPT = """
            [{"id":812,"kind":"status","sessionId":"4f9c2a","state":"FAILED","detail":"could not apply: timeout",
            "attempts":9,"receivedAt":"2026-12-02T10:41:12Z","payload":{"CallSid":"b6cf4c1b","Status":"completed"}}]""";

    private final WebhookInbox inbox;

    WebhookInboxController(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    @Operation(summary = "Webhooks given up on (FAILED) or that matched no session (UNMATCHED), the newest first")
    @ApiResponse(responseCode = "200", description = "each webhook as it arrived, and what became of it",
            content = @Content(examples = @ExampleObject(value = KEPT)))
    @ApiResponse(responseCode = "400", description = "a state other than FAILED or UNMATCHED, or a bad limit")
    @GetMapping
    List<WebhookInbox.Kept> kept(@Parameter(description = "FAILED or UNMATCHED", example = "FAILED")
                                 @RequestParam(defaultValue = "FAILED") WebhookInbox.State state,
                                 @Parameter(description = "at most this many, 1 to 1000")
                                 @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        if (state != WebhookInbox.State.FAILED && state != WebhookInbox.State.UNMATCHED) {
            throw DialerException.badRequest("state must be FAILED or UNMATCHED");
        }
        return inbox.kept(state, limit);
    }

    @Operation(summary = "Try a webhook given up on once more",
            description = "The inbox's sweep applies it again shortly, on whichever node claims it; if it fails again "
                    + "it is FAILED again. A webhook that matched no session has nothing to be applied to.")
    @ApiResponse(responseCode = "202", description = "to be tried again")
    @ApiResponse(responseCode = "404", description = "no such webhook")
    @ApiResponse(responseCode = "409", description = "it is not FAILED")
    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void retry(@Parameter(description = "the webhook's id in the inbox", example = "812") @PathVariable long id) {
        if (!inbox.retry(id)) {
            if (!inbox.exists(id)) {
                throw DialerException.notFound("webhook", id);
            }
            throw DialerException.conflict("webhook " + id + " is not FAILED: only a webhook given up on is tried again");
        }
    }
}
