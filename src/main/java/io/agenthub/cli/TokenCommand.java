package io.agenthub.cli;

import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.config.HubSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Prints a bearer token from the hub's embedded issuer, for the one-machine default and its demos. With an
 * external issuer configured (hub.auth.issuer-url) tokens come from that provider, and this command refuses.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a bearer token from the hub's embedded issuer (its last line of output).",
                "The key is the one the hub with the same --data-dir / --config signs with (KEYS/token-signing-key.jwk)."})
final class TokenCommand implements Callable<Integer> {

    @Mixin
    HubData store;

    @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
            description = "The role(s): channel, reviewer, approver, compliance or operator; repeat or separate with commas"
                    + " (a person in the inbox may be both approver and reviewer).")
    List<String> roles;

    @Option(names = "--tenant", required = true, split = ",", paramLabel = "TENANT",
            description = "The tenant(s) the role is held for; repeat or separate with commas.")
    List<String> tenants;

    @Option(names = "--subject", paramLabel = "NAME", description = "Who the token is for (default: the role's name).")
    String subject;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "How long the token is valid: 30m, 1h, 8h or ISO-8601 (PT1H); at most 24h (default: 1h).")
    String ttl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HubSettings settings = store.settings();
        EmbeddedIssuer issuer = CliTokens.embeddedIssuer(settings, "get one from that provider");
        // in the enum's order, so the default subject does not depend on the order they were given in
        Set<Role> held = roles.stream().map(String::strip).filter(r -> !r.isEmpty()).map(Role::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        if (held.isEmpty()) {
            throw new IllegalArgumentException("--role names no role; the roles are channel, reviewer, approver, compliance, operator");
        }
        List<String> known = CliTokens.tenants();
        for (String tenant : tenants) {
            if (!known.contains(tenant.strip())) {
                throw new IllegalArgumentException("no tenant '" + tenant.strip() + "' in compliance/tenants.yaml; the tenants are "
                        + String.join(", ", known));
            }
        }
        String token = issuer.issue(subject == null || subject.isBlank() ? defaultSubject(held) : subject.strip(), held,
                tenants.stream().map(String::strip).filter(t -> !t.isEmpty()).toList(), lifetime(ttl));
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }

    /** The roles' names joined by '+' (a single role: its name, as before several could be given). */
    static String defaultSubject(Set<Role> roles) {
        return roles.stream().map(Role::claimValue).collect(Collectors.joining("+"));
    }

    /** "30m", "1h", "90s" or ISO-8601 ("PT1H"). */
    static Duration lifetime(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        try {
            if (value.matches("\\d+[SMH]")) {
                return Duration.parse("PT" + value);
            }
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl '" + text + "' is not a duration such as 30m, 1h or PT1H");
        }
    }
}
