package io.agenthub.cli;

import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.app.HubHome;
import io.agenthub.config.HubSettings;
import io.agenthub.tenants.Tenant;
import io.agenthub.tenants.TenantDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tokens the commands that call a running hub send when the operator gave none: signed by the hub's embedded
 * issuer with the key in its key directory, which whoever runs the command on the hub's machine can read anyway.
 * With an external issuer the operator must bring a token from that provider.
 */
final class CliTokens {

    private CliTokens() {
    }

    /**
     * Who runs a command that works on the hub's data directly (export, erasure), for the audit trail: the machine's
     * user, as the command needs that user's access to the data directory and keys.
     */
    static String operatorOfThisMachine() {
        return "cli:" + System.getProperty("user.name", "unknown") + "@" + localHost();
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** A five-minute operator token for every tenant of the hub's compliance/tenants.yaml. */
    static String operator(HubSettings settings, String command) {
        return embeddedIssuer(settings, "pass one holding the operator role to " + command + " with --token or HUB_TOKEN")
                .issue("cli:" + command, Role.OPERATOR, tenants(), Duration.ofMinutes(5));
    }

    /**
     * A five-minute token of a channel of {@code tenant} (one of the hub's tenants), for a command that sends to the
     * hub as a bank's system would, e.g. over its broker.
     */
    static String channel(HubSettings settings, String tenant, String command) {
        EmbeddedIssuer issuer = embeddedIssuer(settings, "pass a channel token of " + tenant + " from that provider to "
                + command + " with --token or HUB_TOKEN");
        List<String> known = tenants();
        if (!known.contains(tenant)) {
            throw new IllegalArgumentException("no tenant '" + tenant + "' in compliance/tenants.yaml; the tenants are "
                    + String.join(", ", known));
        }
        return issuer.issue("cli:" + command, Role.CHANNEL, List.of(tenant), Duration.ofMinutes(5));
    }

    /**
     * The hub's embedded issuer; refused with {@code advice} when the hub takes its tokens from an external issuer
     * (hub.auth.issuer-url), which would not accept ours.
     */
    static EmbeddedIssuer embeddedIssuer(HubSettings settings, String advice) {
        String external = settings.text("hub.auth.issuer-url", "");
        if (!external.isBlank()) {
            throw new IllegalArgumentException("this hub takes its tokens from " + external + " (hub.auth.issuer-url): " + advice);
        }
        return EmbeddedIssuer.of(settings);
    }

    /** The tenants of the hub's compliance/tenants.yaml (the working directory's, else the jar's). */
    static List<String> tenants() {
        String location = HubHome.resolve(null).location("compliance/tenants.yaml");
        try (InputStream in = location.startsWith("file:")
                ? Files.newInputStream(Path.of(location.substring("file:".length())))
                : CliTokens.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))) {
            if (in == null) {
                throw new IllegalStateException("no compliance/tenants.yaml in " + location);
            }
            return TenantDirectory.fromYaml(in).all().stream().map(Tenant::id).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + location + ": " + e.getMessage());
        }
    }
}
