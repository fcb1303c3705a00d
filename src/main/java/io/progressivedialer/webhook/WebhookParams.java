package io.progressivedialer.webhook;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.exotel.SessionRef;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A webhook's parameters under Exotel's names, read with limits so that garbage gets a 400. */
record WebhookParams(Map<String, String> values) {

    private static final int MAX_LENGTH = 1000;
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final DateTimeFormatter EXOTEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    String optional(String name) {
        return optional(name, MAX_LENGTH);
    }

    /** As {@link #optional(String)}, within {@code maxLength}: the size of the column the value is stored in. */
    String optional(String name, int maxLength) {
        String value = values.get(name);
        if (value == null || value.isBlank() || value.equals("null")) {
            return null;
        }
        if (value.trim().length() > maxLength) {
            throw DialerException.badRequest(name + " is longer than " + maxLength + " characters");
        }
        return value.trim();
    }

    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw DialerException.badRequest(name + " is missing");
        }
        return value;
    }

    String sid(String name) {
        String value = required(name);
        if (!SID.matcher(value).matches()) {
            throw DialerException.badRequest(name + " is not a call Sid: " + value);
        }
        return value;
    }

    /** One of the allowed values, matched without regard to case and answered in its canonical spelling. */
    String oneOf(String name, Set<String> allowed) {
        String value = required(name);
        return allowed.stream().filter(value::equalsIgnoreCase).findFirst().orElseThrow(() ->
                DialerException.badRequest(name + " must be one of " + allowed + " but was " + value));
    }

    int seconds(String name) {
        String value = optional(name);
        if (value == null) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0) {
                throw DialerException.badRequest(name + " must not be negative: " + value);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw DialerException.badRequest(name + " is not a number of seconds: " + value);
        }
    }

    /** A time as Exotel writes {@code CurrentTime} and {@code StartTime}: 2021-07-25 14:56:14. */
    String time(String name) {
        String value = optional(name);
        if (value != null) {
            try {
                EXOTEL_TIME.parse(value);
            } catch (DateTimeParseException e) {
                throw DialerException.badRequest(name + " is not a time like 2021-07-25 14:56:14: " + value);
            }
        }
        return value;
    }

    /** The keys a Gather applet collected, as Exotel sends them: in double quotes ({@code "1"}); empty when none. */
    String digits() {
        String value = optional("digits");
        if (value == null) {
            return "";
        }
        String keys = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
        if (keys.length() > 32 || !keys.chars().allMatch(c -> Character.isDigit(c) || c == '*' || c == '#')) {
            throw DialerException.badRequest("digits are not keypad keys: " + value);
        }
        return keys;
    }

    SessionRef sessionRef() {
        return new SessionRef(sid("CallSid"), optional("CallFrom"), optional("CustomField"));
    }
}
