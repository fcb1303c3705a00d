package io.progressivedialer.exotel;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account's budget of Exotel API calls ({@code dialer.exotel.calls-per-minute}, Exotel's default 200), shared by
 * every node through the database and spent by every call: connects, Call Details and number look-ups. It is kept
 * in windows of ten seconds, each allowed a sixth of the minute's budget, so that no minute, however it is cut, sees
 * much more than the budget. Each call taken is committed at once, on its own, whatever becomes of the caller's
 * transaction: a call made is spent. Exotel's own word steers it for every node: a {@code Retry-After} of a window or
 * more uses up the windows until then, and an {@code X-RateLimit-Remaining} leaves this window no more calls than
 * that.
 */
@Component
public class ExotelBudget {

    static final Duration WINDOW = Duration.ofSeconds(10);

    /** The budget a minute, and the calls every node took from it in the last minute. */
    public record Use(int callsPerMinute, int usedLastMinute) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final int perWindow;
    private final int callsPerMinute;

    ExotelBudget(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, MeterRegistry meters,
                 @Value("${dialer.exotel.calls-per-minute:200}") int callsPerMinute) {
        this.jdbc = jdbc;
        this.callsPerMinute = callsPerMinute;
        Gauge.builder("dialer.exotel.budget.used", () -> use().usedLastMinute())
                .description("Exotel API calls every node took in the last minute (connects, Call Details, numbers)")
                .register(meters);
        Gauge.builder("dialer.exotel.budget.limit", () -> callsPerMinute)
                .description("dialer.exotel.calls-per-minute: the account's budget of Exotel API calls a minute")
                .register(meters);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.perWindow = Math.max(1, callsPerMinute / 6);
    }

    /** The budget's use: the six windows of the last minute, the current one included. */
    public Use use() {
        Instant since = windowOf(clock.instant()).minus(WINDOW.multipliedBy(5));
        Integer used = jdbc.sql("select coalesce(sum(used), 0) from exotel_budget where window_start >= ?")
                .param(timestamp(since)).query(Integer.class).single();
        return new Use(callsPerMinute, used);
    }

    /** Takes one call from the budget, waiting up to {@code patience} for the next window; 429 when it cannot. */
    void take(Duration patience) {
        Instant giveUp = clock.instant().plus(patience);
        while (!tryTake()) {
            Instant next = windowOf(clock.instant()).plus(WINDOW);
            if (next.isAfter(giveUp)) {
                throw new ExotelApiException(429, "the dialer's own budget of Exotel API calls per minute is used up");
            }
            sleepUntil(next);
        }
    }

    /** Takes one call from this window's budget, if any is left. */
    boolean tryTake() {
        Instant window = windowOf(clock.instant());
        if (spend(window)) {
            return true;
        }
        try {
            ownTransaction.executeWithoutResult(status -> open(window));
            return true;
        } catch (DuplicateKeyException anotherNodeOpenedIt) {
            return spend(window);
        }
    }

    private boolean spend(Instant window) {
        return ownTransaction.execute(status -> jdbc.sql(
                        "update exotel_budget set used = used + 1 where window_start = ? and used < ?")
                .params(timestamp(window), perWindow).update()) == 1;
    }

    /** What Exotel said of its budget with an answer: calls left ({@code remaining}), or to wait (seconds). */
    void exotelSays(Integer remaining, Long retryAfterSeconds) {
        Instant now = clock.instant();
        // a shorter wait the node that was told waits out itself before its retry; windows are ten seconds
        if (retryAfterSeconds != null && retryAfterSeconds >= WINDOW.toSeconds()) {
            Instant until = now.plusSeconds(Math.min(retryAfterSeconds, 60));
            for (Instant window = windowOf(now); window.isBefore(until); window = window.plus(WINDOW)) {
                useAtLeast(window, perWindow);
            }
        }
        if (remaining != null && remaining >= 0 && remaining < perWindow) {
            useAtLeast(windowOf(now), perWindow - remaining);
        }
    }

    /** The window's calls counted as at least {@code used}. */
    private void useAtLeast(Instant window, int used) {
        boolean updated = ownTransaction.execute(status -> jdbc.sql(
                        "update exotel_budget set used = ? where window_start = ? and used < ?")
                .params(used, timestamp(window), used).update()) == 1;
        if (updated) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                            "insert into exotel_budget (window_start, used) values (?, ?)")
                    .params(timestamp(window), used).update());
        } catch (DuplicateKeyException alreadyOpen) {
            // opened meanwhile, or already at least this used
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                            "update exotel_budget set used = ? where window_start = ? and used < ?")
                    .params(used, timestamp(window), used).update());
        }
    }

    /** The first call of a window opens it, and the windows before the last minute are forgotten. */
    private void open(Instant window) {
        jdbc.sql("insert into exotel_budget (window_start, used) values (?, 1)").param(timestamp(window)).update();
        jdbc.sql("delete from exotel_budget where window_start < ?")
                .param(timestamp(window.minus(Duration.ofMinutes(1)))).update();
    }

    private static Instant windowOf(Instant now) {
        long millis = WINDOW.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    private void sleepUntil(Instant next) {
        try {
            Thread.sleep(Math.max(1, Duration.between(clock.instant(), next).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExotelApiException(429, "interrupted while waiting for the Exotel API budget");
        }
    }
}
