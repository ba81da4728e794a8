package io.agenthub.pii;

import io.agenthub.api.PiiType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pattern recognisers: checksums decide, context words frame, offsets are Java string indices. */
class PiiRecognizersTest {

    private final PiiDetector patterns = new PiiDetector(PiiRecognizers.standard(List.of("US", "GB", "DE")), 0.5);

    private List<String> found(String text) {
        return patterns.detect(text).stream().map(s -> s.type() + "=" + text.substring(s.start(), s.end())).toList();
    }

    @Test
    void checksumsTellIdentifiersFromDigits() {
        assertThat(Checksums.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(Checksums.luhn("4111 1111 1111 1112")).isFalse();
        assertThat(Checksums.iban("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(Checksums.iban("gb82west12345698765432")).isTrue();
        assertThat(Checksums.iban("GB83WEST12345698765432")).isFalse();
        assertThat(Checksums.ssn("123-45-6789")).isTrue();
        assertThat(Checksums.ssn("666-45-6789")).isFalse();
        assertThat(Checksums.ssn("123-00-6789")).isFalse();
        assertThat(Checksums.ssn("900-45-6789")).isFalse();
    }

    @Test
    void aCardNumberIsFoundOnlyWhenItsCheckDigitHolds() {
        assertThat(found("Please block card 4111 1111 1111 1111 today")).containsExactly("CREDIT_CARD=4111 1111 1111 1111");
        assertThat(found("Please block card 4111 1111 1111 1112 today")).doesNotContain("CREDIT_CARD=4111 1111 1111 1112");
    }

    @Test
    void everyKindWithAFormatIsFound() {
        String text = "I'm at jane.doe@example.co.uk, IBAN GB82 WEST 1234 5698 7654 32, SSN 078-05-1120,"
                + " call me on +44 20 7946 0958 from 192.168.10.4 on 2024-03-01 10:30, my driver's license number is D1234567.";

        assertThat(found(text)).contains("EMAIL_ADDRESS=jane.doe@example.co.uk", "IBAN_CODE=GB82 WEST 1234 5698 7654 32",
                "US_SSN=078-05-1120", "PHONE_NUMBER=+44 20 7946 0958", "IP_ADDRESS=192.168.10.4",
                "DATE_TIME=2024-03-01 10:30", "US_DRIVER_LICENSE=D1234567");
    }

    @Test
    void aBareYearNeedsAFrameAndShortNumbersAreNotPhones() {
        assertThat(found("It was founded in 1977.")).containsExactly("DATE_TIME=1977");
        assertThat(found("I paid 1977 pounds")).isEmpty();
        assertThat(found("Flat 25, 864 Main Road")).isEmpty();
    }

    @Test
    void aNationalNumberCountsWhenAnyListedRegionsPlanHoldsIt() {
        // "030 901820" is only possible in Britain's plan, which is asked first, and valid in Germany's
        assertThat(found("ring 030 901820 today")).containsExactly("PHONE_NUMBER=030 901820");
        assertThat(found("ring 030 901820 or 020 7946 0958, ext. 12")).containsExactly(
                "PHONE_NUMBER=030 901820", "PHONE_NUMBER=020 7946 0958, ext. 12");
    }

    @Test
    void digitsInsideACheckedValueStayThatValue() {
        assertThat(found("my card 4012 8888 8888 1881 was swallowed")).containsExactly("CREDIT_CARD=4012 8888 8888 1881");
        assertThat(found("IBAN DE89 3704 0044 0532 0130 00")).containsExactly("IBAN_CODE=DE89 3704 0044 0532 0130 00");
    }

    @Test
    void offsetsCountUtf16UnitsAsJavaDoes() {
        String text = "\uD83D\uDE00 mail me: a@b.io";
        PiiSpan email = patterns.detect(text).get(0);

        assertThat(text.substring(email.start(), email.end())).isEqualTo("a@b.io");
        assertThat(email.start()).isEqualTo(12);
    }

    @Test
    void aLabelledSpanCountsWhenHalfOfItIsCovered() {
        PiiSpan gold = new PiiSpan(PiiType.PERSON, 10, 20, 1, "label");

        assertThat(PiiEvaluation.matches(new PiiSpan(PiiType.PERSON, 15, 30, 1, "t"), gold)).isTrue();
        assertThat(PiiEvaluation.matches(new PiiSpan(PiiType.PERSON, 16, 30, 1, "t"), gold)).isFalse();
        assertThat(PiiEvaluation.matches(new PiiSpan(PiiType.STREET_ADDRESS, 10, 20, 1, "t"), gold)).isFalse();
    }
}
