package io.agenthub.flows.claims;

/**
 * A claim notice file as read and checked, before it is a hub request.
 *
 * @param digest       SHA-256 of the file's bytes, hex: its record key is {@code claim-file:<digest>}, so a file is
 *                     done once however often it is dropped
 * @param text         the notice in words (a JSON notice's fields written out), as its request's text
 * @param subjectId    the policy holder a JSON notice or JMS message names, or null
 * @param policyNumber the policy number the notice quotes, found cheaply to know its policy holder, or null
 */
public record ClaimFile(String name, String digest, String text, String subjectId, String policyNumber) {

    public String key() {
        return "claim-file:" + digest;
    }
}
