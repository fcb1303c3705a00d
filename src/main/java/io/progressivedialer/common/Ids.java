package io.progressivedialer.common;

/** Identifiers chosen by the caller (agents, campaigns) are short and URL-safe. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9_.-]{1,64}";

    private Ids() {
    }
}
