package io.progressivedialer.common;

import java.util.regex.Pattern;

/** Text bound for a log or a health report, without the phone numbers it may carry (a URL, Exotel's message). */
public final class LogSafe {

    /** Seven digits or more, as any phone number has, with a leading plus or zeros. */
    private static final Pattern NUMBER = Pattern.compile("(%2B|\\+)?\\d{7,}");

    private LogSafe() {
    }

    public static String withoutNumbers(String text) {
        return text == null ? null : NUMBER.matcher(text).replaceAll("<number>");
    }
}
