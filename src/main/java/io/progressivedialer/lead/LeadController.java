package io.progressivedialer.lead;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/leads")
@Validated
class LeadController {

    private final LeadRepository leads;

    LeadController(LeadRepository leads) {
        this.leads = leads;
    }

    @GetMapping
    List<Lead> list(@RequestParam(required = false) String campaign,
                    @RequestParam(required = false) LeadStatus status,
                    @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return leads.list(campaign, status, limit);
    }
}
