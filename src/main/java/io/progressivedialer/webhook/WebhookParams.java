package io.progressivedialer.webhook;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.Hashes;
import io.progressivedialer.exotel.SessionRef;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A webhook's parameters under Exotel's names, read with limits so that garbage gets a 400. */
record WebhookParams(Map<String, String> values) {

    private static final int MAX_LENGTH = 1000;
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ZoneId EXOTEL_ZONE = ZoneId.of("Asia/Kolkata");
    private static final List<DateTimeFormatter> EXOTEL_TIMES = List.of(
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));

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

    /**
     * A value that only identifies a request, such as Exotel's {@code CurrentTime} (seen as 2021-07-25 14:56:14 and as
     * ISO-8601): never read as a time, never refused. One longer than {@code maxLength}, the column it is kept in, is
     * kept as its SHA-256.
     */
    String key(String name, int maxLength) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        return value.length() <= maxLength ? value : "sha256:" + Hashes.sha256(value).substring(0, maxLength - 7);
    }

    /**
     * A time Exotel writes in India's time, as {@code Wed, 14 Jul 2021 15:45:55} or {@code 2021-07-14 15:45:55}
     * (ISO-8601 taken too); null when absent or in no such form: it only informs, and never refuses a webhook.
     */
    Instant exotelTime(String name) {
        String value = optional(name, 64);
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : EXOTEL_TIMES) {
            try {
                return LocalDateTime.parse(value, format).atZone(EXOTEL_ZONE).toInstant();
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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
