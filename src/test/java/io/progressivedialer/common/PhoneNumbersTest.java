package io.progressivedialer.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private final PhoneNumbers phoneNumbers = new PhoneNumbers("IN");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            07709562799,      +917709562799
            +917709562799,    +917709562799
            '+91 77095 62799', +917709562799
            9876543210,       +919876543210
            +14155552671,     +14155552671
            0799567xxxx,      none
            077095xxxx,       none
            12345,            none
            '',               none
            not a number,     none
            """)
    void normalisesExotelsNationalNumbersToE164AndRejectsMaskedOnes(String raw, String e164) {
        assertThat(phoneNumbers.toE164(raw).orElse(null)).isEqualTo(e164);
    }

    @ParameterizedTest(name = "{0} fits {1}: {2}")
    @CsvSource(textBlock = """
            0799567xxxx,   +917995679243, true
            +91799567xxxx, +917995679243, true
            799567XXXX,    +917995679243, true
            0799568xxxx,   +917995679243, false
            07995679243,   +917995679243, false
            xxxxxxxxxxxxxxx, +917995679243, false
            0xxx,          +917995679243, false
            """)
    void aMaskedNumberFitsTheNumbersWhoseDigitsItShows(String masked, String e164, boolean fits) {
        assertThat(phoneNumbers.maskedMatches(masked, e164)).isEqualTo(fits);
    }
}
