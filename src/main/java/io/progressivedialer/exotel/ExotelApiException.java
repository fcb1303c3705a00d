package io.progressivedialer.exotel;

/** Exotel refused or failed a request; the message is Exotel's own {@code RestException} message. */
public class ExotelApiException extends RuntimeException {

    private final int status;

    public ExotelApiException(int status, String message) {
        super("Exotel answered " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Worth trying again later: rate limited, Exotel's own failure, or Exotel not reached (status 0). */
    public boolean isTransient() {
        return status == 429 || status >= 500 || status == 0;
    }
}
