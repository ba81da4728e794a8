package io.agenthub.pii;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks behind the shipped national identifiers of the tenants' countries (compliance/pii.yaml). */
class NationalIdentifierChecksTest {

    @Test
    void aNinoFollowsHmrcsPrefixAndSuffixRules() {
        assertThat(Checksums.ukNino("AB 12 34 56 C")).isTrue();
        assertThat(Checksums.ukNino("jk556677b")).isTrue();
        assertThat(Checksums.ukNino("QQ123456C")).as("Q is never a first letter").isFalse();
        assertThat(Checksums.ukNino("AO123456A")).as("O is never a second letter").isFalse();
        assertThat(Checksums.ukNino("GB123456A")).as("GB is not issued").isFalse();
        assertThat(Checksums.ukNino("AB123456E")).as("the suffix is A-D").isFalse();
    }

    @Test
    void aSteuerIdHasOneRepeatedDigitAndItsMod1110CheckDigit() {
        assertThat(Checksums.deSteuerId("86095742719")).isTrue();
        assertThat(Checksums.deSteuerId("86 095 742 719")).isTrue();
        assertThat(Checksums.deSteuerId("86095742718")).as("wrong check digit").isFalse();
        assertThat(Checksums.deSteuerId("12345678903")).as("no digit repeated among the first ten").isFalse();
        assertThat(Checksums.deSteuerId("06095742719")).as("a leading zero").isFalse();
    }

    @Test
    void theShippedRecognisersFindThemWithTheirContextWords() throws Exception {
        PiiSettings settings = PiiSettings.read(java.nio.file.Files.newInputStream(java.nio.file.Path.of("compliance/pii.yaml")));
        PiiDetector detector = settings.detector(null, model -> name -> null);

        assertThat(detector.detect("my ni number is jk 55 66 77 b")).extracting(span -> span.type().name()).containsExactly("UK_NINO");
        assertThat(detector.detect("Meine Steuer-ID ist 86 095 742 719")).extracting(span -> span.type().name())
                .containsExactly("DE_TAX_ID");
        // eleven digits without a context word are no tax id (a phone plan may still claim them)
        assertThat(detector.detect("ref 86095742719")).extracting(span -> span.type().name()).doesNotContain("DE_TAX_ID");
    }
}
