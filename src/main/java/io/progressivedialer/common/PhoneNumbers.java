package io.progressivedialer.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Numbers are stored in E.164; Exotel sends them in national form ({@code 07709562799}), so every
 * number that crosses the boundary goes through here.
 */
@Component
public class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper zoneMapper = PhoneNumberToTimeZonesMapper.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(@Value("${dialer.default-region:IN}") String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The number in E.164, or empty when it is not a valid phone number. */
    public Optional<String> toE164(String raw) {
        // Exotel masks digits with x, which libphonenumber would read as keypad letters: 0799567xxxx is no number.
        if (raw == null || raw.isBlank() || raw.length() > 32 || raw.chars().anyMatch(Character::isLetter)) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = util.parse(raw.trim(), defaultRegion);
            return util.isValidNumber(number)
                    ? Optional.of(util.format(number, PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The time zone of a valid number, when libphonenumber knows exactly one for it. */
    public Optional<String> timeZone(String e164) {
        try {
            List<String> zones = zoneMapper.getTimeZonesForNumber(util.parse(e164, defaultRegion));
            return zones.size() == 1 && !zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                    ? Optional.of(zones.get(0)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The digits of a valid number that every form of it contains (national, international, with or without the
     * trunk prefix or the plus, URL-encoded or not): its national significant number.
     */
    public String significantDigits(String e164) {
        try {
            return util.getNationalSignificantNumber(util.parse(e164, defaultRegion));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not a phone number", e);
        }
    }

    /**
     * Whether a number Exotel masked ({@code 0799567xxxx}: the account hides some digits) may be {@code e164}: every
     * digit it shows is the number's, counted from the end; its trunk prefix and country code may be left out.
     */
    public boolean maskedMatches(String masked, String e164) {
        if (masked == null || e164 == null || masked.chars().noneMatch(c -> c == 'x' || c == 'X')) {
            return false;
        }
        String shown = masked.strip().replaceFirst("^\\+", "").replaceFirst("^0+", "");
        String digits = e164.replaceFirst("^\\+", "");
        if (shown.length() < 7 || shown.length() > digits.length()
                || !shown.chars().allMatch(c -> Character.isDigit(c) || c == 'x' || c == 'X')) {
            return false;
        }
        String tail = digits.substring(digits.length() - shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c != 'x' && c != 'X' && c != tail.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number in E.164, or a 400 naming the field that held it. */
    public String requireE164(String raw, String field) {
        return toE164(raw).orElseThrow(() ->
                DialerException.badRequest(field + " is not a valid phone number: " + raw));
    }
}
