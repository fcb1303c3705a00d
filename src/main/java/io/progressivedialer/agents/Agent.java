package io.progressivedialer.agents;

/** An agent and the phone (E.164) that Exotel rings for the whole shift. */
public record Agent(String id, String name, String phone) {
}
