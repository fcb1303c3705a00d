package io.progressivedialer.lead;

import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.common.Ids;
import io.progressivedialer.common.DialerException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
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
    private final LeadImport leadAttributes;
    private final DndRegistry dndRegistry;
    private final Clock clock;

    LeadController(LeadRepository leads, CampaignRepository campaigns, AgentRepository agents,
                   LeadImport leadAttributes, DndRegistry dndRegistry, Clock clock) {
        this.dndRegistry = dndRegistry;
        this.leadAttributes = leadAttributes;
        this.clock = clock;
        this.leads = leads;
        this.campaigns = campaigns;
        this.agents = agents;
    }

    /** A lead as the API shows it: an agent's own, tried once, due again at a time. */
    static final String LEAD = """
            {"id":7,"campaignId":"sales","agentId":"asha","phone":"+919876543210","name":"Ravi Kumar","priority":9,
            "timezone":"Asia/Kolkata","attributes":{"city":"Pune"},"status":"RETRY","attempts":1,
            "lastOutcome":"no-answer","lastAttemptAt":"2026-11-26T04:39:20Z","nextAttemptAt":"2026-11-26T06:39:20Z",
            "altPhones":[],"phoneIndex":0,"attemptsToday":1,"attemptsDay":"2026-11-26",
            "createdAt":"2026-11-25T09:00:00Z","ready":true}""";

    @Operation(summary = "Search leads, one page at a time",
            description = "q is looked for in the phone, the name and the imported columns; the total of matching "
                    + "leads is in the X-Total-Count header. limit is the older name of size.")
    @ApiResponse(responseCode = "200", description = "one page of leads, oldest first",
            content = @Content(examples = @ExampleObject(value = "[" + LEAD + "]")))
    @ApiResponse(responseCode = "400", description = "an unknown status, or page or size out of range")
    @GetMapping
    ResponseEntity<List<Lead>> list(
            @Parameter(description = "only this campaign") @RequestParam(required = false) String campaign,
            @Parameter(description = "only this status") @RequestParam(required = false) LeadStatus status,
            @Parameter(description = "text in the phone, name or columns") @RequestParam(required = false)
            @Size(max = 200) String q,
            @Parameter(description = "page, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @Parameter(description = "leads per page") @RequestParam(required = false) @Min(1) @Max(10000) Integer size,
            @Parameter(description = "the older name of size") @RequestParam(defaultValue = "1000") @Min(1) @Max(10000)
            int limit,
            @Parameter(description = "only leads with a callback promised before this instant",
                    example = "2026-12-02T18:29:59Z") @RequestParam(required = false) Instant callbackBefore) {
        int pageSize = size == null ? limit : size;
        LeadRepository.Search search = new LeadRepository.Search(campaign, status, q, callbackBefore);
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(leads.count(search)))
                .body(leads.search(search, page, pageSize));
    }

    /** A lead's fields an administrator may change; absent ones stay as they are. */
    record LeadEdit(@Min(0) @Max(100) Integer priority,
                    @Pattern(regexp = Ids.PATTERN) String agentId,
                    Boolean toPool,
                    @Size(max = 64) String timezone,
                    Map<@Size(max = 200) String, @Size(max = 200) String> attributes,
                    OffsetDateTime callbackAt) {
    }

    @Operation(summary = "Change a lead's priority, agent, time zone, columns or callback")
    @ApiResponse(responseCode = "200", description = "the lead as it is now",
            content = @Content(examples = @ExampleObject(value = LEAD)))
    @ApiResponse(responseCode = "400", description = "a bad field: priority, agent, zone, a column named like a fact")
    @ApiResponse(responseCode = "404", description = "no such lead")
    @ApiResponse(responseCode = "409", description = "a session is dialling the lead")
    @PutMapping("/{id}")
    Lead edit(@Parameter(description = "the lead id") @PathVariable long id, @Valid @RequestBody LeadEdit edit) {
        leads.find(id).orElseThrow(() -> DialerException.notFound("lead", id));
        if (edit.agentId() != null && agents.find(edit.agentId()).isEmpty()) {
            throw DialerException.badRequest("unknown agent: " + edit.agentId());
        }
        String timezone = null;
        if (edit.timezone() != null) {
            try {
                timezone = ZoneId.of(edit.timezone()).getId();
            } catch (DateTimeException e) {
                throw DialerException.badRequest("unknown time zone: " + edit.timezone());
            }
        }
        String attributes = edit.attributes() == null ? null : leadAttributes.attributesJson(edit.attributes());
        boolean changed = leads.change(id, new LeadRepository.LeadChange(edit.priority(), edit.agentId(),
                Boolean.TRUE.equals(edit.toPool()), timezone, attributes,
                edit.callbackAt() == null ? null : edit.callbackAt().toInstant()), clock.instant());
        if (!changed) {
            throw DialerException.conflict("lead " + id + " is being dialled; change it after the call");
        }
        return leads.find(id).orElseThrow();
    }

    @Operation(summary = "Take a lead out of dialling for good")
    @ApiResponse(responseCode = "200", description = "the lead, now REMOVED",
            content = @Content(examples = @ExampleObject(value = """
                    {"id":7,"campaignId":"sales","agentId":"asha","phone":"+919876543210","name":"Ravi Kumar",
                    "status":"REMOVED","attempts":1,"ready":false}""")))
    @ApiResponse(responseCode = "404", description = "no such lead")
    @ApiResponse(responseCode = "409", description = "a session is dialling the lead")
    @PostMapping("/{id}/remove")
    Lead remove(@Parameter(description = "the lead id") @PathVariable long id) {
        leads.find(id).orElseThrow(() -> DialerException.notFound("lead", id));
        if (!leads.remove(id)) {
            throw DialerException.conflict("lead " + id + " is being dialled; remove it after the call");
        }
        return leads.find(id).orElseThrow();
    }

    @Operation(summary = "Re-open a removed lead: it is due again now")
    @ApiResponse(responseCode = "200", description = "the lead, to be tried again",
            content = @Content(examples = @ExampleObject(value = LEAD)))
    @ApiResponse(responseCode = "404", description = "no such lead")
    @ApiResponse(responseCode = "409", description = "the lead is not removed")
    @PostMapping("/{id}/reopen")
    Lead reopen(@Parameter(description = "the lead id") @PathVariable long id) {
        Lead lead = leads.find(id).orElseThrow(() -> DialerException.notFound("lead", id));
        if (!leads.reopen(id, clock.instant())) {
            throw DialerException.conflict("lead " + id + " is " + lead.status() + ", not removed");
        }
        return leads.find(id).orElseThrow();
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
    @Operation(summary = "Hand one agent's leads of a campaign to another, or to the campaign pool",
            description = "Without toAgentId the leads go to the pool; without fromAgentId the pool's go to the "
                    + "agent. Leads being dialled stay where they are.")
    @ApiResponse(responseCode = "200", description = "how many leads moved",
            content = @Content(examples = @ExampleObject(value = "{\"reassigned\":120}")))
    @ApiResponse(responseCode = "400", description = "no campaignId, or a malformed agent id")
    @ApiResponse(responseCode = "404", description = "no such campaign or receiving agent")
    @PostMapping("/reassign")
    Reassigned reassign(@Valid @RequestBody Reassignment request) {
        campaigns.find(request.campaignId())
                .orElseThrow(() -> DialerException.notFound("campaign", request.campaignId()));
        if (request.toAgentId() != null && agents.find(request.toAgentId()).isEmpty()) {
            throw DialerException.notFound("agent", request.toAgentId());
        }
        return new Reassigned(leads.reassign(request.campaignId(), request.fromAgentId(), request.toAgentId()));
    }

    record Rescreening(@NotBlank @Pattern(regexp = Ids.PATTERN) String campaignId) {
    }

    record Rescreened(int rescreened) {
    }

    @Operation(summary = "Screen a campaign's DND leads again",
            description = "Leads set aside as DND although Exotel never said their number is on the registry (as when "
                    + "Exotel refused the dialer's credentials) go back to screening: dialable again once Exotel "
                    + "says their number is not on the registry. Numbers Exotel said are on it stay set aside.")
    @ApiResponse(responseCode = "200", description = "how many leads went back to screening",
            content = @Content(examples = @ExampleObject(value = "{\"rescreened\":12}")))
    @ApiResponse(responseCode = "400", description = "no campaignId, or a malformed one")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @PostMapping("/rescreen-dnd")
    Rescreened rescreenDnd(@Valid @RequestBody Rescreening request) {
        campaigns.find(request.campaignId())
                .orElseThrow(() -> DialerException.notFound("campaign", request.campaignId()));
        return new Rescreened(dndRegistry.rescreen(request.campaignId()));
    }
}
