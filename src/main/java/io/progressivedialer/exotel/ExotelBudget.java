package io.progressivedialer.exotel;

import static io.progressivedialer.common.Timestamps.timestamp;

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
 * transaction: a call made is spent.
 */
@Component
class ExotelBudget {

    static final Duration WINDOW = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final int perWindow;

    ExotelBudget(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                 @Value("${dialer.exotel.calls-per-minute:200}") int callsPerMinute) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.perWindow = Math.max(1, callsPerMinute / 6);
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
