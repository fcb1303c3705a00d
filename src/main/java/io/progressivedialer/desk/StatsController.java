package io.progressivedialer.desk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

    private final FloorStats stats;

    StatsController(FloorStats stats) {
        this.stats = stats;
    }

    /** Per agent: state, calls, contacts, talk and idle time; per campaign: leads by status, dialled, connect rate. */
    @Operation(summary = "The floor today: each agent's state and counts, each campaign's leads and connect rate",
            description = "Today is each campaign's own day, in its time zone; archived campaigns are left out. "
                    + "screening: the leads awaiting DND screening, the Exotel API budget and its use in the last "
                    + "minute, and when the backlog is through at the earliest.")
    @ApiResponse(responseCode = "200", description = "the floor",
            content = @Content(examples = @ExampleObject(value = """
            {"since":"2026-11-25T18:30:00Z","agents":[{"agentId":"agent-1","name":"Asha Rao","state":"ON_CALL",
            "since":"2026-11-26T04:39:33Z","sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","calls":12,
            "contacts":5,"talkSeconds":1260,"idleSeconds":140}],"campaigns":[{"campaignId":"demo","name":"Demo",
            "status":"ACTIVE","leadsByStatus":{"NEW":60,"RETRY":8,"CONTACTED":20,"EXHAUSTED":2},
            "dayStartedAt":"2026-11-25T18:30:00Z","dialledToday":40,"contactsToday":18,"connectRate":0.45}],
            "screening":{"awaitingLeads":1200,"callsPerMinute":200,"callsLastMinute":187,
            "throughAt":"2026-11-26T04:45:33Z"}}""")))
    @ApiResponse(responseCode = "403", description = "not a supervisor")
    @GetMapping("/api/stats")
    FloorStats.Stats today() {
        return stats.today();
    }
}
