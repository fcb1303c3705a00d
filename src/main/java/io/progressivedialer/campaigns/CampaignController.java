package io.progressivedialer.campaigns;

import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.common.Ids;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import io.progressivedialer.exotel.ConnectSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    static final LocalTime DEFAULT_WINDOW_START = LocalTime.of(9, 0);
    static final LocalTime DEFAULT_WINDOW_END = LocalTime.of(21, 0);

    private final CampaignRepository campaigns;
    private final PhoneNumbers phoneNumbers;
    private final AgentRepository agents;

    CampaignController(CampaignRepository campaigns, PhoneNumbers phoneNumbers, AgentRepository agents) {
        this.agents = agents;
        this.campaigns = campaigns;
        this.phoneNumbers = phoneNumbers;
    }

    record CampaignRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String id,
                           @NotBlank @Size(max = 200) String name,
                           @NotBlank @Size(max = 32) String callerId,
                           @NotBlank @Pattern(regexp = "[0-9]{1,32}", message = "must be Exotel's numeric app id")
                           String flowAppId,
                           @Size(max = 64) String timezone,
                           LocalTime callWindowStart,
                           LocalTime callWindowEnd,
                           Boolean transactional,
                           @Min(0) @Max(3600) Integer wrapUpSeconds,
                           @Min(5) @Max(60) Integer maxRingSeconds,
                           @Min(30) @Max(14_400) Integer maxCallSeconds,
                           Boolean record,
                           @Pattern(regexp = "single|dual", message = "must be single or dual") String recordingChannels,
                           @Size(max = 500) String recordingNotice,
                           @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an audio URL")
                           String musicOnHold) {

        /** The Connect settings asked for, today's defaults for those left out. */
        ConnectSettings connect() {
            ConnectSettings defaults = ConnectSettings.DEFAULTS;
            return new ConnectSettings(maxRingSeconds == null ? defaults.maxRingSeconds() : maxRingSeconds,
                    maxCallSeconds == null ? defaults.maxCallSeconds() : maxCallSeconds,
                    record == null ? defaults.record() : record,
                    recordingChannels == null ? defaults.recordingChannels() : recordingChannels,
                    recordingNotice == null || recordingNotice.isBlank() ? null : recordingNotice.strip(),
                    musicOnHold == null || musicOnHold.isBlank() ? null : musicOnHold.strip());
        }
    }

    static final String CAMPAIGN = """
            {"id":"sales","name":"Sales","callerId":"+917314853246","flowAppId":"383431","timezone":"Asia/Kolkata",
            "callWindowStart":"09:00:00","callWindowEnd":"21:00:00","transactional":false,"wrapUpSeconds":30,
            "status":"ACTIVE","maxRingSeconds":30,"maxCallSeconds":3600,"record":true,"recordingChannels":"dual",
            "recordingNotice":"This call is recorded for quality and training.",
            "musicOnHold":"https://audio.example.com/hold.wav"}""";

    /** The administrator sees every campaign; an agent, the campaigns they dial. */
    @Operation(summary = "List campaigns", description = "The floor sees every campaign; an agent, those they dial.")
    @ApiResponse(responseCode = "200", description = "the campaigns",
            content = @Content(examples = @ExampleObject(value = "[" + CAMPAIGN + "]")))
    @GetMapping
    List<Campaign> list(Authentication authentication,
                        @Parameter(description = "the archived campaigns too")
                        @RequestParam(defaultValue = "false") boolean archived) {
        // the floor and the analyst see every campaign; an agent those they dial
        boolean floor = authentication.getAuthorities().stream()
                .anyMatch(a -> Set.of("ROLE_ADMIN", "ROLE_SUPERVISOR", "ROLE_ANALYST").contains(a.getAuthority()));
        return (floor ? campaigns.list() : campaigns.ofAgent(authentication.getName())).stream()
                .filter(campaign -> archived || campaign.status() != CampaignStatus.ARCHIVED).toList();
    }

    @Operation(summary = "The agents who dial a campaign")
    @ApiResponse(responseCode = "200", description = "the campaign's agents",
            content = @Content(examples = @ExampleObject(value = "[\"asha\",\"bo\"]")))
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @GetMapping("/{id}/agents")
    List<String> agentsOf(@Parameter(description = "the campaign") @PathVariable String id) {
        campaigns.find(id).orElseThrow(() -> DialerException.notFound("campaign", id));
        return campaigns.agentsOf(id);
    }

    @Operation(summary = "Set which agents dial a campaign", description = "The campaign's agents become exactly "
            + "those listed; a session starts only for a campaign the agent dials (403 otherwise).")
    @ApiResponse(responseCode = "200", description = "the campaign's agents",
            content = @Content(examples = @ExampleObject(value = "[\"asha\",\"bo\"]")))
    @ApiResponse(responseCode = "400", description = "an unknown agent, or not a list of agent ids")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @PutMapping("/{id}/agents")
    List<String> setAgents(@Parameter(description = "the campaign") @PathVariable String id,
                           @RequestBody List<String> agentIds) {
        campaigns.find(id).orElseThrow(() -> DialerException.notFound("campaign", id));
        if (agentIds.stream().anyMatch(agent -> agent == null || !agent.matches(Ids.PATTERN))) {
            throw DialerException.badRequest("agent ids must match " + Ids.PATTERN);
        }
        List<String> unknown = agentIds.stream().filter(agent -> agents.find(agent).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw DialerException.badRequest("unknown agents: " + String.join(",", unknown));
        }
        campaigns.setAgents(id, new LinkedHashSet<>(agentIds));
        return campaigns.agentsOf(id);
    }

    /** Creates or updates a campaign; calling hours default to 09:00-21:00 in the campaign's zone. */
    @Operation(summary = "Create or update a campaign", description = "The calling window applies in each lead's "
            + "own time zone and defaults to 09:00-21:00; its end is not part of it, and an end of 00:00 means "
            + "midnight (00:00-00:00: all day); the campaign's zone is that of leads without one. "
            + "wrapUpSeconds (0 to 3600, default 0) is the after-call work before the next customer. What the Connect "
            + "applet is told for each customer call: maxRingSeconds (5 to 60, default 30), maxCallSeconds (the "
            + "longest conversation, 30 to 14400, default 3600), record (default true), recordingChannels (single or "
            + "dual, default dual), recordingNotice (read to the customer as the call starts) and musicOnHold (an "
            + "audio URL the agent hears while the customer's phone rings; none: the operator's tone).")
    @ApiResponse(responseCode = "200", description = "the campaign",
            content = @Content(examples = @ExampleObject(value = CAMPAIGN)))
    @ApiResponse(responseCode = "400", description = "a malformed id, caller id, flow app id or time zone, a "
            + "window that ends before it starts, or a Connect setting out of its range")
    @PostMapping
    Campaign save(@Valid @RequestBody CampaignRequest request) {
        LocalTime start = request.callWindowStart() == null ? DEFAULT_WINDOW_START : request.callWindowStart();
        LocalTime end = request.callWindowEnd() == null ? DEFAULT_WINDOW_END : request.callWindowEnd();
        if (!start.isBefore(end) && !end.equals(LocalTime.MIDNIGHT)) {
            throw DialerException.badRequest("callWindowStart must be before callWindowEnd (00:00: until midnight)");
        }
        CampaignStatus status = campaigns.find(request.id()).map(Campaign::status).orElse(CampaignStatus.ACTIVE);
        Campaign campaign = new Campaign(request.id(), request.name(),
                phoneNumbers.requireE164(request.callerId(), "callerId"), request.flowAppId(),
                zone(request.timezone()), start, end, Boolean.TRUE.equals(request.transactional()),
                request.wrapUpSeconds() == null ? 0 : request.wrapUpSeconds(), status, request.connect());
        campaigns.save(campaign);
        return campaign;
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.of("Asia/Kolkata");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw DialerException.badRequest("unknown timezone: " + timezone);
        }
    }
}
