package io.agenthub.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a caller may do; every role is held for one or more tenants. */
public enum Role {
    /** A customer-facing system submitting requests for its tenant. */
    CHANNEL,
    /** Works the review queue. */
    REVIEWER,
    /** Decides approvals. */
    APPROVER,
    /** Audit, data-subject export and erasure, records of processing. */
    COMPLIANCE,
    /** Health, metrics, dead letters, pausing flows. */
    OPERATOR;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a claim or option names, or a message listing the roles there are. */
    public static Role of(String name) {
        for (Role role : values()) {
            if (role.claimValue().equals(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; the roles are "
                + Arrays.stream(values()).map(Role::claimValue).collect(Collectors.joining(", ")));
    }
}
