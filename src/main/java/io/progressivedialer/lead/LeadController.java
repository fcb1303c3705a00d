package io.progressivedialer.lead;

import io.progressivedialer.common.DialerException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/leads")
@Validated
class LeadController {

    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final AgentRepository agents;

    LeadController(LeadRepository leads, CampaignRepository campaigns, AgentRepository agents) {
        this.leads = leads;
        this.campaigns = campaigns;
        this.agents = agents;
    }

    @GetMapping
    List<Lead> list(@RequestParam(required = false) String campaign,
                    @RequestParam(required = false) LeadStatus status,
                    @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return leads.list(campaign, status, limit);
    }

    record Reassignment(@NotBlank @Pattern(regexp = Ids.PATTERN) String campaignId,
                        @Pattern(regexp = Ids.PATTERN) String fromAgentId,
                        @Pattern(regexp = Ids.PATTERN) String toAgentId) {
    }

    record Reassigned(int reassigned) {
    }

    /**
     * Hands the campaign's dialable leads of one agent to another; a missing agent means the campaign pool, which
     * any agent of the campaign may take from. Leads being dialled stay where they are.
     */
    @PostMapping("/reassign")
    Reassigned reassign(@Valid @RequestBody Reassignment request) {
        campaigns.find(request.campaignId())
                .orElseThrow(() -> DialerException.notFound("campaign", request.campaignId()));
        if (request.toAgentId() != null && agents.find(request.toAgentId()).isEmpty()) {
            throw DialerException.notFound("agent", request.toAgentId());
        }
        return new Reassigned(leads.reassign(request.campaignId(), request.fromAgentId(), request.toAgentId()));
    }
}
