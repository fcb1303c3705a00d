package io.progressivedialer.exotel;

/**
 * Passthru "ready?": may the agent take the next customer? {@code pressedReady}: the Gather applet before it
 * collected a 1, the agent's "I am ready" on the phone's keypad.
 */
public record ReadinessCheck(SessionRef session, boolean pressedReady) {
}
