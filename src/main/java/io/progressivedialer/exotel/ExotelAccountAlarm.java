package io.progressivedialer.exotel;

import io.micrometer.core.instrument.Counter;
import io.progressivedialer.common.LogSafe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Exotel refusing the dialer itself (credentials rotated, the account suspended or out of balance: 401, 402, 403),
 * as opposed to refusing one request or one number. Until Exotel answers again, work that would only be refused the
 * same way waits (the DND screening tries again every {@code dialer.exotel.account-retry}) and the alarm is up:
 * health shows the component {@code exotel} down with Exotel's reason, the gauge {@code dialer.exotel.account.refused} is 1, and the
 * refusal is logged as an ERROR once. Kept per node: each node learns it from its own requests.
 */
@Component("exotelHealthIndicator")
public class ExotelAccountAlarm implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ExotelAccountAlarm.class);

    private record Refusal(int status, String reason, Instant since) {
    }

    private final Clock clock;
    private final Duration retryAfter;
    private final Counter refusals;
    private volatile Refusal refusal;
    private volatile Instant nextTry = Instant.MIN;

    ExotelAccountAlarm(Clock clock, MeterRegistry meters,
                       @Value("${dialer.exotel.account-retry:PT1M}") Duration retryAfter) {
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.refusals = meters.counter("dialer.exotel.account.refusals");
        Gauge.builder("dialer.exotel.account.refused", this, alarm -> alarm.refusal == null ? 0 : 1)
                .description("1 while Exotel refuses the dialer's credentials or account").register(meters);
    }

    /** Notes Exotel's answer to one request: a refusal of the account raises the alarm. */
    void refused(ExotelApiException e) {
        if (!e.aboutTheAccount()) {
            return;
        }
        refusals.increment();
        nextTry = clock.instant().plus(retryAfter);
        if (refusal == null) {
            log.error("Exotel refuses the dialer's account ({}): calls and DND screening wait until it answers again;"
                    + " check dialer.exotel.api-key, api-token and account-sid, and the account's state",
                    LogSafe.withoutNumbers(e.getMessage()));
            refusal = new Refusal(e.status(), LogSafe.withoutNumbers(e.getMessage()), clock.instant());
        }
    }

    /** Exotel answered a request: the account works. */
    void answered() {
        if (refusal != null) {
            log.info("Exotel answers the dialer's account again");
            refusal = null;
        }
    }

    /** Whether work that Exotel would refuse the same way should wait now: the alarm is up and it is not yet time. */
    public boolean holdsBack() {
        return refusal != null && clock.instant().isBefore(nextTry);
    }

    @Override
    public Health health() {
        Refusal current = refusal;
        if (current == null) {
            return Health.up().build();
        }
        return Health.down().withDetail("reason", current.reason()).withDetail("status", current.status())
                .withDetail("since", current.since().toString()).build();
    }
}
