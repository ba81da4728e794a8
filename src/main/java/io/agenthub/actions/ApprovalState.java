package io.agenthub.actions;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an approval is: {@code awaiting} people, then {@code approved} (or {@code edited}: approved with changed
 * arguments), {@code denied} or {@code expired}; an approved action is then {@code executed}, {@code failed} (the
 * back-end refused it) or {@code cancelled} (its data subject was erased before it ran).
 */
public enum ApprovalState {
    AWAITING, APPROVED, EDITED, DENIED, EXPIRED, EXECUTED, CANCELLED, FAILED;

    /** Cleared by people and not run yet: the executor's work. */
    public boolean cleared() {
        return this == APPROVED || this == EDITED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApprovalState> named(String name) {
        for (ApprovalState state : values()) {
            if (state.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
