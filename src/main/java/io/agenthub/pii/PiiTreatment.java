package io.agenthub.pii;

/** What happens to a kind of personal data found in a request ({@code treatments} in compliance/pii.yaml). */
public enum PiiTreatment {
    /** Replaced by a numbered token ({@code <PERSON_1>}); the original is sealed in the subject's vault. */
    TOKEN,
    /** Replaced by its type ({@code <IP_ADDRESS>}); the original is kept nowhere (data minimisation). */
    DROP
}
