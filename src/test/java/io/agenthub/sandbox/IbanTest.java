package io.agenthub.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IbanTest {

    @Test
    void wellKnownExampleIbansAreValid() {
        assertThat(Iban.isValid("GB29NWBK60161331926819")).isTrue();
        assertThat(Iban.isValid("DE89370400440532013000")).isTrue();
        assertThat(Iban.isValid("NL91ABNA0417164300")).isTrue();
    }

    @Test
    void aSingleMistypedDigitIsCaught() {
        assertThat(Iban.isValid("DE89370400440532013001")).isFalse();
        assertThat(Iban.isValid("GB28NWBK60161331926819")).isFalse();
    }

    @Test
    void malformedValuesAreInvalid() {
        assertThat(Iban.isValid(null)).isFalse();
        assertThat(Iban.isValid("")).isFalse();
        assertThat(Iban.isValid("DE89")).isFalse();
        assertThat(Iban.isValid("de89370400440532013000")).isFalse();
        assertThat(Iban.isValid("DE89 3704 0044 0532 0130 00")).isFalse();
    }

    @Test
    void normalisingRemovesSpacesAndUpperCases() {
        assertThat(Iban.normalize("de89 3704 0044 0532 0130 00")).isEqualTo("DE89370400440532013000");
    }
}
