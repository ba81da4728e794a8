package io.agenthub.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling, as an authenticated bearer token (or broker user) says: the issuer and subject name the
 * caller for the audit trail, and each role it holds is held for the tenants listed with it, no others.
 *
 * @param issuer  the token's {@code iss}, or {@code broker} for a broker user
 * @param subject the token's {@code sub}, or the broker user's name
 * @param roles   the tenants each held role is held for; never empty sets
 */
public record Caller(String issuer, String subject, Map<Role, Set<String>> roles) {

    public Caller {
        Map<Role, Set<String>> copy = new EnumMap<>(Role.class);
        roles.forEach((role, tenants) -> {
            if (!tenants.isEmpty()) {
                copy.put(role, Set.copyOf(tenants));
            }
        });
        roles = Map.copyOf(copy);
    }

    /** A caller holding {@code role} for {@code tenants}. */
    public static Caller of(String issuer, String subject, Role role, Set<String> tenants) {
        return new Caller(issuer, subject, Map.of(role, tenants));
    }

    /** True if the caller holds {@code role} for {@code tenant}. */
    public boolean holds(Role role, String tenant) {
        return tenant != null && roles.getOrDefault(role, Set.of()).contains(tenant);
    }

    /** True if the caller holds {@code role} for any tenant. */
    public boolean holds(Role role) {
        return roles.containsKey(role);
    }

    /** The tenants the caller holds {@code role} for, sorted; empty if it does not hold the role. */
    public Set<String> tenants(Role role) {
        return new TreeSet<>(roles.getOrDefault(role, Set.of()));
    }

    /** The same caller with only those of its roles that are among {@code allowed}: what it may do here. */
    public Caller only(Set<Role> allowed) {
        Map<Role, Set<String>> kept = new EnumMap<>(Role.class);
        roles.forEach((role, tenants) -> {
            if (allowed.contains(role)) {
                kept.put(role, tenants);
            }
        });
        return new Caller(issuer, subject, kept);
    }

    /** Every tenant the caller holds any role for, sorted. */
    public Set<String> allTenants() {
        Set<String> all = new TreeSet<>();
        roles.values().forEach(all::addAll);
        return all;
    }

    /** How the audit trail names the caller: subject at issuer. */
    public String id() {
        return subject + "@" + issuer;
    }
}
