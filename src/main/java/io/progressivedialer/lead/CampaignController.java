package io.progressivedialer.lead;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    static final LocalTime DEFAULT_WINDOW_START = LocalTime.of(9, 0);
    static final LocalTime DEFAULT_WINDOW_END = LocalTime.of(21, 0);

    private final CampaignRepository campaigns;
    private final LeadImport leadImport;
    private final PhoneNumbers phoneNumbers;

    CampaignController(CampaignRepository campaigns, LeadImport leadImport, PhoneNumbers phoneNumbers) {
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
                           Boolean transactional) {
    }

    @GetMapping
    List<Campaign> list() {
        return campaigns.list();
    }

    /** Creates or updates a campaign; calling hours default to 09:00-21:00 in the campaign's zone. */
    @PostMapping
    Campaign save(@Valid @RequestBody CampaignRequest request) {
        LocalTime start = request.callWindowStart() == null ? DEFAULT_WINDOW_START : request.callWindowStart();
        LocalTime end = request.callWindowEnd() == null ? DEFAULT_WINDOW_END : request.callWindowEnd();
        if (!start.isBefore(end)) {
            throw DialerException.badRequest("callWindowStart must be before callWindowEnd");
        }
        Campaign campaign = new Campaign(request.id(), request.name(),
                phoneNumbers.requireE164(request.callerId(), "callerId"), request.flowAppId(),
                zone(request.timezone()), start, end, Boolean.TRUE.equals(request.transactional()));
        campaigns.save(campaign);
        return campaign;
    }

    @PostMapping(path = "/{id}/leads", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    LeadImport.Report importLeads(@PathVariable String id, @RequestBody String csv) {
        return leadImport.importCsv(id, new StringReader(csv));
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
