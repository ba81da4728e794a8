package io.agenthub.vault;

/** The vault cannot do what was asked: a key that does not open, an erased subject, a damaged entry. */
public final class VaultException extends RuntimeException {

    public VaultException(String message) {
        super(message);
    }
}
