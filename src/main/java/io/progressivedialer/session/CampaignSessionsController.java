package io.progressivedialer.session;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.campaigns.CampaignStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's sessions as one: pause them after their current call, resume them, or stop them. */
@RestController
@RequestMapping("/api/campaigns/{id}")
class CampaignSessionsController {

    private static final String EXAMPLE = """
            {"id":"sales","name":"Sales","callerId":"+917314853246","flowAppId":"383431","timezone":"Asia/Kolkata",
            "callWindowStart":"09:00:00","callWindowEnd":"21:00:00","transactional":false,"wrapUpSeconds":30,
            "status":"PAUSED"}""";

    private final CampaignRepository campaigns;
    private final SessionService sessions;
    private final SessionRepository sessionRecords;

    CampaignSessionsController(CampaignRepository campaigns, SessionService sessions,
                               SessionRepository sessionRecords) {
        this.sessionRecords = sessionRecords;
        this.campaigns = campaigns;
        this.sessions = sessions;
    }

    @Operation(summary = "Pause a campaign: its agents wait, not ready, after their current call")
    @ApiResponse(responseCode = "200", description = "the campaign",
            content = @Content(examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @ApiResponse(responseCode = "409", description = "the campaign is stopped")
    @PostMapping("/pause")
    Campaign pause(@Parameter(description = "the campaign") @PathVariable String id) {
        return change(id, CampaignStatus.PAUSED);
    }

    @Operation(summary = "Resume a paused campaign: its agents carry on dialling")
    @ApiResponse(responseCode = "200", description = "the campaign",
            content = @Content(examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @ApiResponse(responseCode = "409", description = "the campaign is stopped")
    @PostMapping("/resume")
    Campaign resume(@Parameter(description = "the campaign") @PathVariable String id) {
        return change(id, CampaignStatus.ACTIVE);
    }

    @Operation(summary = "Stop a campaign: its sessions wind down after their current call")
    @ApiResponse(responseCode = "200", description = "the campaign",
            content = @Content(examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @PostMapping("/stop")
    Campaign stop(@Parameter(description = "the campaign") @PathVariable String id) {
        Campaign stopped = change(id, CampaignStatus.STOPPED);
        sessions.stopCampaign(id);
        return stopped;
    }

    @Operation(summary = "Archive a stopped campaign: out of the floor's lists, its leads and calls kept",
            description = "Only a stopped campaign whose sessions have all ended is archived.")
    @ApiResponse(responseCode = "200", description = "the campaign",
            content = @Content(examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @ApiResponse(responseCode = "409", description = "the campaign is not stopped, or a session of it is still live")
    @PostMapping("/archive")
    Campaign archive(@Parameter(description = "the campaign") @PathVariable String id) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> DialerException.notFound("campaign", id));
        if (!campaign.status().isOver()) {
            throw DialerException.conflict("campaign " + id + " is " + campaign.status() + ": stop it first");
        }
        int live = sessionRecords.liveOfCampaign(id).size();
        if (live > 0) {
            throw DialerException.conflict("campaign " + id + " has " + live + " live sessions: archive it once "
                    + "they have ended");
        }
        campaigns.setStatus(id, CampaignStatus.ARCHIVED);
        return campaigns.find(id).orElseThrow();
    }

    private Campaign change(String id, CampaignStatus status) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> DialerException.notFound("campaign", id));
        if (campaign.status() == CampaignStatus.ARCHIVED) {
            throw DialerException.conflict("campaign " + id + " is archived");
        }
        if (campaign.status() == CampaignStatus.STOPPED && status != CampaignStatus.STOPPED) {
            throw DialerException.conflict("campaign " + id + " is stopped");
        }
        campaigns.setStatus(id, status);
        return campaigns.find(id).orElseThrow();
    }
}
