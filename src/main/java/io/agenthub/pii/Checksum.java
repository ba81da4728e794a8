package io.agenthub.pii;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The check digits a custom recogniser's match must pass ({@code checksum:} in compliance/pii.yaml), so a run of
 * digits of the right length is not taken for an identifier. The predefined recognisers use the same checks.
 */
public enum Checksum {
    /** No check: the pattern and its context words alone decide. */
    NONE(s -> true),
    /** ISO/IEC 7812, every payment card number. */
    LUHN(Checksums::luhn),
    /** ISO 13616, the IBAN: mod 97 leaves 1. */
    MOD97(Checksums::iban),
    /** The US social security number's rules (no area 000, 666 or 9xx, no group 00, no serial 0000). */
    US_SSN(Checksums::ssn),
    /** The Dutch BSN's eleven-test. */
    ELFPROEF(Checksums::elfproef),
    /** The UK National Insurance number's allocation rules (it has no check digit): prefix letters, six digits, A-D. */
    UK_NINO(Checksums::ukNino),
    /** The German tax id (Steuer-ID): eleven digits, one repeated among the first ten, ISO/IEC 7064 MOD 11,10. */
    DE_STEUER_ID(Checksums::deSteuerId);

    private final Predicate<String> passes;

    Checksum(Predicate<String> passes) {
        this.passes = passes;
    }

    /** The name compliance/pii.yaml gives it: {@code none}, {@code luhn}, {@code mod97}, {@code us-ssn}, {@code elfproef}, {@code uk-nino}, {@code de-steuer-id}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Checksum> named(String name) {
        return Arrays.stream(values()).filter(c -> c.yamlName().equals(name)).findFirst();
    }

    Predicate<String> rule() {
        return passes;
    }
}
