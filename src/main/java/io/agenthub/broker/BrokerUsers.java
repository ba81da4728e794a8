package io.agenthub.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.Caller;

import java.util.Optional;

/**
 * The user name the embedded broker stamps on every message it accepts ({@link SenderStamp}): the caller its login
 * proved, written out whole (issuer, subject, roles and tenants), so that the hub knows who sent a message when it
 * takes it, even after a restart, without asking the issuer again. A client cannot set it: the broker overwrites
 * whatever a message carries.
 */
public final class BrokerUsers {

    /** The message property the broker stamps the sender's login in. */
    public static final String SENDER_PROPERTY = "HubSender";
    /** The hub's own in-process identity; it logs in over the in-VM connector only. */
    public static final String INTERNAL_USER = "agent-hub-internal";

    private static final String PREFIX = "caller:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerUsers() {
    }

    /** The broker user name of a caller who logged in with a bearer token. */
    public static String nameOf(Caller caller) {
        try {
            return PREFIX + JSON.writeValueAsString(caller);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a caller cannot be written as JSON", e);
        }
    }

    /** The caller a validated user name stands for; empty for the hub's own identity, or any other name. */
    public static Optional<Caller> callerOf(String validatedUser) {
        if (validatedUser == null || !validatedUser.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(validatedUser.substring(PREFIX.length()), Caller.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
