package io.progressivedialer.rules;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.Ids;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the tables read about a real lead: the facts a test case made from it holds. */
@RestController
@RequestMapping("/api/leads")
@Validated
class LeadFactsController {

    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final LeadFacts facts;
    private final Clock clock;

    LeadFactsController(LeadRepository leads, CampaignRepository campaigns, LeadFacts facts, Clock clock) {
        this.leads = leads;
        this.campaigns = campaigns;
        this.facts = facts;
        this.clock = clock;
    }

    @Operation(summary = "The facts lead-selection reads about a lead now, offered to an agent",
            description = "The dialer's own facts and the lead's columns (by header and by fact name), as the tables "
                    + "are given them: what a test case made from a real lead holds.")
    @ApiResponse(responseCode = "200", description = "the facts by name", content = @Content(examples = @ExampleObject(
            value = """
                    {"priority":9,"attempts":1,"attemptsToday":0,"lastOutcome":"busy","minutesSinceLastAttempt":45,
                    "localHour":11,"localDayOfWeek":"WEDNESDAY","withinCallWindow":true,"callbackDue":false,
                    "ownLead":true,"timezone":"Asia/Kolkata","leadAgeDays":2,"campaignId":"sales","agentId":"asha",
                    "Loan Amount":"150000","Loan_Amount":"150000"}""")))
    @ApiResponse(responseCode = "400", description = "a malformed agent id")
    @ApiResponse(responseCode = "404", description = "no such lead")
    @GetMapping("/{id}/facts")
    Map<String, Object> facts(@Parameter(description = "the lead id") @PathVariable long id,
                              @Parameter(description = "the agent it is offered to; none: the campaign's pool")
                              @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String agent) {
        Lead lead = leads.find(id).orElseThrow(() -> DialerException.notFound("lead", id));
        Campaign campaign = campaigns.find(lead.campaignId()).orElseThrow();
        return new TreeMap<>(facts.forSelection(campaign, lead, agent, clock.instant()));
    }
}
