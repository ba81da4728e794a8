package io.agenthub.access;

/**
 * A bearer token the hub does not accept. The message is for the caller and the log: it says what is wrong
 * (expired, wrong audience, bad signature...) and never quotes the token.
 */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
