package io.progressivedialer.exotel;

/** Exotel refused or failed a request; the message is Exotel's own {@code RestException} message. */
public class ExotelApiException extends RuntimeException {

    private final int status;
    private final boolean outcomeUnknown;

    public ExotelApiException(int status, String message) {
        this(status, message, false);
    }

    ExotelApiException(int status, String message, boolean outcomeUnknown) {
        super("Exotel answered " + status + ": " + message);
        this.status = status;
        this.outcomeUnknown = outcomeUnknown;
    }

    public int status() {
        return status;
    }

    /**
     * A request that may have been carried out although it failed: Exotel's own failure (5xx), or an answer lost on
     * the way (status 0 with {@code outcomeUnknown}). A connect that failed so may have rung the agent.
     */
    public boolean outcomeUnknown() {
        return status >= 500 || outcomeUnknown;
    }

    /**
     * Exotel refuses the dialer itself, whatever the request: wrong credentials (401), the account out of balance
     * (402) or suspended, or a proxy in between refusing (403).
     */
    public boolean aboutTheAccount() {
        return status == 401 || status == 402 || status == 403;
    }

    /** Exotel's answer about what was asked for: an invalid (400) or unknown (404) number or call. */
    public boolean aboutTheRequest() {
        return status == 400 || status == 404;
    }

    /** Worth trying again later: rate limited, Exotel's own failure, or Exotel not reached (status 0). */
    public boolean isTransient() {
        return status == 429 || status >= 500 || status == 0;
    }
}
