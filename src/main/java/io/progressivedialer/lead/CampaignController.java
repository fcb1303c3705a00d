package io.progressivedialer.lead;

import io.swagger.v3.oas.annotations.media.Schema;
import io.progressivedialer.common.BoundedReader;
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
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
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
    private final LeadImport leadImport;
    private final PhoneNumbers phoneNumbers;
    private final RulesPreview rulesPreview;
    private final AgentRepository agents;
    private final long maxImportBytes;

    CampaignController(CampaignRepository campaigns, LeadImport leadImport, PhoneNumbers phoneNumbers,
                       RulesPreview rulesPreview, AgentRepository agents,
                       @Value("${dialer.import.max-bytes:52428800}") long maxImportBytes) {
        this.agents = agents;
        this.maxImportBytes = maxImportBytes;
        this.rulesPreview = rulesPreview;
        this.campaigns = campaigns;
        this.leadImport = leadImport;
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
            + "own time zone and defaults to 09:00-21:00; the campaign's zone is that of leads without one. "
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
        if (!start.isBefore(end)) {
            throw DialerException.badRequest("callWindowStart must be before callWindowEnd");
        }
        CampaignStatus status = campaigns.find(request.id()).map(Campaign::status).orElse(CampaignStatus.ACTIVE);
        Campaign campaign = new Campaign(request.id(), request.name(),
                phoneNumbers.requireE164(request.callerId(), "callerId"), request.flowAppId(),
                zone(request.timezone()), start, end, Boolean.TRUE.equals(request.transactional()),
                request.wrapUpSeconds() == null ? 0 : request.wrapUpSeconds(), status, request.connect());
        campaigns.save(campaign);
        return campaign;
    }

    @Operation(summary = "Import leads from CSV", description = "Columns phone,name,agent,priority,timezone, then "
            + "any others, kept as the lead's attributes (the tables read them by their header names). A lead "
            + "without a zone gets the number's when libphonenumber knows exactly one, else the campaign's.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
            examples = @ExampleObject(value = """
                    phone,name,agent,priority,timezone,city,plan
                    09876543210,Ravi Kumar,asha,5,,Pune,Gold
                    +12125550123,Mary Smith,,3,America/New_York,New York,Silver
                    """)))
    @ApiResponse(responseCode = "200", description = "counts imported and rejected, each rejected row with its "
            + "line and reason", content = @Content(examples = @ExampleObject(value = """
                    {"imported":2,"rejected":1,"rejections":[{"line":4,"reason":"invalid phone: 12"}]}""")))
    @ApiResponse(responseCode = "400", description = "a header without the five columns, or not readable as CSV")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @ApiResponse(responseCode = "413", description = "a body over dialer.import.max-bytes")
    @PostMapping(path = "/{id}/leads", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    LeadImport.Report importLeads(@Parameter(description = "the campaign") @PathVariable String id,
                                  HttpServletRequest request) throws IOException {
        return leadImport.importCsv(id, new BoundedReader(request.getReader(), maxImportBytes, "the import"));
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
