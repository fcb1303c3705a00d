package io.progressivedialer.rules;

import io.progressivedialer.common.DialerException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A lead-selection table tried on a campaign's leads, deploying nothing. */
@RestController
@RequestMapping("/api/campaigns")
class RulesPreviewController {

    private final RulesPreview rulesPreview;

    RulesPreviewController(RulesPreview rulesPreview) {
        this.rulesPreview = rulesPreview;
    }

    @Operation(summary = "Try lead-selection rules on a campaign without reserving or deploying anything",
            description = "With an empty body, the deployed lead-selection table; with a .dmn file as Camunda Modeler "
                    + "saves it (Content-Type application/xml), that table. Answers the campaign's ready leads in the "
                    + "order this agent would be given them, then those the table would set aside, and a summary of "
                    + "why the campaign's other leads cannot be dialled now.")
    @ApiResponse(responseCode = "200", description = "the leads in order and the summary",
            content = @Content(examples = @ExampleObject(value = """
                    {"decision":"lead-selection","version":3,"leads":[{"leadId":42,"phone":"+919876543210",
                    "eligible":true,"score":10070.0,"rules":["otherwise dial, best score first",
                    "higher priority first","the agent's own leads before the campaign pool","attempts left"]}],
                    "summary":{"ready":120,"notDue":30,"awaitingScreening":0,"setAsideByRule":{"never outside the
                    campaign's calling window in the lead's own time zone":500},"dialling":2,"dnd":1,"doNotCall":0,
                    "exhausted":7,"contacted":40}}""")))
    @ApiResponse(responseCode = "400", description = "a malformed table, one without lead-selection, or a bad limit")
    @ApiResponse(responseCode = "404", description = "no such campaign or agent")
    @PostMapping("/{id}/rules/preview")
    RulesPreview.Preview previewRules(
            @Parameter(description = "the campaign") @PathVariable String id,
            @Parameter(description = "the agent whose order is previewed", required = true) @RequestParam String agent,
            @Parameter(description = "at most this many leads, 1 to 500") @RequestParam(defaultValue = "50") int limit,
            @RequestBody(required = false) byte[] dmn) {
        if (limit < 1 || limit > 500) {
            throw DialerException.badRequest("limit must be between 1 and 500");
        }
        return rulesPreview.preview(id, agent, dmn, limit);
    }
}
