package io.agenthub.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A kind of personal data, named as Microsoft Presidio names it, so spans compare across tools. The built-in
 * kinds are the constants below; a custom recogniser in {@code compliance/pii.yaml} brings its own kind
 * ({@code supported_entity: NL_BSN}), which is why this is not an enum: a compliance officer adds one without a
 * rebuild. One instance per name, so {@code ==} compares kinds.
 */
public final class PiiType implements Comparable<PiiType> {

    /** What a token can carry ({@code <NL_BSN_1>}), within the vault's column of 32 characters with the number. */
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z_]{0,22}[A-Z]");
    private static final Map<String, PiiType> KNOWN = new ConcurrentHashMap<>();

    public static final PiiType PERSON = builtIn("PERSON", 0);
    public static final PiiType STREET_ADDRESS = builtIn("STREET_ADDRESS", 1);
    public static final PiiType ZIP_CODE = builtIn("ZIP_CODE", 2);
    public static final PiiType CREDIT_CARD = builtIn("CREDIT_CARD", 3);
    public static final PiiType IBAN_CODE = builtIn("IBAN_CODE", 4);
    public static final PiiType EMAIL_ADDRESS = builtIn("EMAIL_ADDRESS", 5);
    public static final PiiType PHONE_NUMBER = builtIn("PHONE_NUMBER", 6);
    public static final PiiType US_SSN = builtIn("US_SSN", 7);
    public static final PiiType US_DRIVER_LICENSE = builtIn("US_DRIVER_LICENSE", 8);
    public static final PiiType IP_ADDRESS = builtIn("IP_ADDRESS", 9);
    public static final PiiType DATE_TIME = builtIn("DATE_TIME", 10);
    public static final PiiType US_BANK_NUMBER = builtIn("US_BANK_NUMBER", 11);

    private static final List<PiiType> BUILT_IN = List.of(PERSON, STREET_ADDRESS, ZIP_CODE, CREDIT_CARD, IBAN_CODE,
            EMAIL_ADDRESS, PHONE_NUMBER, US_SSN, US_DRIVER_LICENSE, IP_ADDRESS, DATE_TIME, US_BANK_NUMBER);

    private final String name;
    /** Built-in kinds sort in the order above, custom ones after them by name. */
    private final int order;

    private PiiType(String name, int order) {
        this.name = name;
        this.order = order;
    }

    private static PiiType builtIn(String name, int order) {
        PiiType type = new PiiType(name, order);
        KNOWN.put(name, type);
        return type;
    }

    /** The built-in kinds, in their order. */
    public static PiiType[] values() {
        return BUILT_IN.toArray(PiiType[]::new);
    }

    /** The built-in kind of this name, if it is one (names in configuration files that list built-in kinds). */
    public static Optional<PiiType> named(String name) {
        PiiType type = name == null ? null : KNOWN.get(name);
        return type != null && type.builtIn() ? Optional.of(type) : Optional.empty();
    }

    /**
     * The kind of this name, built-in or custom: upper-case letters and underscores, at most 24, neither first nor
     * last an underscore (a token, {@code <NL_BSN_1>}, ends in its number).
     *
     * @throws IllegalArgumentException for a name no token could carry
     */
    public static PiiType valueOf(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a personal-data type name: upper-case letters and"
                    + " underscores, at most 24, e.g. NL_BSN");
        }
        return KNOWN.computeIfAbsent(name, n -> new PiiType(n, Integer.MAX_VALUE));
    }

    /** A built-in kind from a configuration file that lists them ({@code reidentify: [PERSON]}); others are refused. */
    @JsonCreator
    static PiiType builtInNamed(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not one of "
                + BUILT_IN));
    }

    /** Whether a name could be a kind's: what {@link #valueOf} accepts. */
    public static boolean isTypeName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public boolean builtIn() {
        return order != Integer.MAX_VALUE;
    }

    @JsonValue
    public String name() {
        return name;
    }

    @Override
    public int compareTo(PiiType other) {
        return order != other.order ? Integer.compare(order, other.order) : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
