package io.progressivedialer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Slow neighbours never stall the floor: every scheduled task has a thread of its own, so that one waiting on Exotel
 * or the CRM (DND screening, quiet sessions, CRM delivery) or a night's cleanup never delays the inbox's sweep, the
 * desks' events or the leads' readiness, which must run every second.
 */
class SchedulingTest extends PassiveExotelTest {

    @Autowired
    ScheduledTaskHolder scheduled;
    @Autowired
    ThreadPoolTaskScheduler scheduler;

    @Test
    void everyScheduledTaskHasAThreadOfItsOwn() {
        assertThat(scheduled.getScheduledTasks()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(scheduler.getPoolSize()).isGreaterThanOrEqualTo(scheduled.getScheduledTasks().size());
    }
}
