package io.progressivedialer.exotel;

/**
 * Connect applet's question "whom to dial?". {@code requestedAt} is Exotel's {@code CurrentTime}: Exotel sends the
 * same request again, with the same time, when our answer did not reach it.
 */
public record DialWhomRequest(SessionRef session, String requestedAt) {
}
