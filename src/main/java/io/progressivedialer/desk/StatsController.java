package io.progressivedialer.desk;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

    private final FloorStats stats;

    StatsController(FloorStats stats) {
        this.stats = stats;
    }

    /** Per agent: state, calls, contacts, talk and idle time; per campaign: leads by status, dialled, connect rate. */
    @GetMapping("/api/stats")
    FloorStats.Stats today() {
        return stats.today();
    }
}
