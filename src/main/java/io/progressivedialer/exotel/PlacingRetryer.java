package io.progressivedialer.exotel;

import feign.RetryableException;
import feign.Retryer;
import java.net.ConnectException;

/**
 * Feign's retries, except where a retry could repeat what already happened: a Calls/connect whose outcome is unknown
 * (a 5xx, a timeout, a connection reset after sending) may have rung the agent, so only answers that prove nothing
 * was placed, a 429 or a refused connection, are tried again. Reads are retried as before.
 */
class PlacingRetryer implements Retryer {

    private final Retryer delegate;

    PlacingRetryer() {
        this(new Retryer.Default(500, 5000, 4));
    }

    private PlacingRetryer(Retryer delegate) {
        this.delegate = delegate;
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (places(e) && !provesNothingPlaced(e)) {
            throw e;
        }
        delegate.continueOrPropagate(e);
    }

    private static boolean places(RetryableException e) {
        return e.request() != null && e.request().url().contains("/Calls/connect");
    }

    static boolean provesNothingPlaced(RetryableException e) {
        return e.status() == 429 || e.getCause() instanceof ConnectException;
    }

    @Override
    public Retryer clone() {
        return new PlacingRetryer(delegate.clone());
    }
}
