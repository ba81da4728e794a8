package io.agenthub.api;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of personal data, named as Microsoft Presidio names them, so spans compare across tools. */
public enum PiiType {
    PERSON, STREET_ADDRESS, ZIP_CODE, CREDIT_CARD, IBAN_CODE, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN,
    US_DRIVER_LICENSE, IP_ADDRESS, DATE_TIME, US_BANK_NUMBER;

    /** The type of this name, if it is one (names from configuration files and tokens). */
    public static Optional<PiiType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
