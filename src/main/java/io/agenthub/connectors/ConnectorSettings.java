package io.agenthub.connectors;

import io.agenthub.pii.PiiType;
import org.apache.camel.spi.PropertiesComponent;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One back-end as {@code connectors/<name>.properties} describes it. Pointing the hub at a real
 * back-end is a change of these settings only.
 *
 * @param authTokenEnv name of the environment variable holding a bearer token: credentials are
 *                     referenced, never written into committed files
 * @param reidentify   the personal-data types whose real values this back-end receives in place of their
 *                     tokens (compliance/pii.yaml); empty: it sees tokens only
 */
public record ConnectorSettings(String name, String baseUrl, int connectTimeoutMs, int responseTimeoutMs,
                                int retries, long retryDelayMs, Breaker breaker, String authTokenEnv,
                                Set<PiiType> reidentify) {

    /** Circuit-breaker settings (Resilience4j): when to stop calling a failing back-end, and for how long. */
    public record Breaker(float failureRateThreshold, int slidingWindowSize, int minimumCalls, long waitInOpenMs) {
    }

    /** Reads {@code connectors.<name>.*}; every setting but the base URL has a default. */
    public static ConnectorSettings from(PropertiesComponent properties, String name) {
        String prefix = "connectors." + name + ".";
        String baseUrl = properties.resolveProperty(prefix + "base-url")
                .orElseThrow(() -> new IllegalArgumentException("connector " + name + " has no " + prefix + "base-url"));
        return new ConnectorSettings(name, stripTrailingSlash(baseUrl),
                integer(properties, prefix + "connect-timeout-ms", 2000),
                integer(properties, prefix + "response-timeout-ms", 5000),
                integer(properties, prefix + "retries", 2),
                integer(properties, prefix + "retry-delay-ms", 200),
                new Breaker(integer(properties, prefix + "breaker.failure-rate-threshold", 50),
                        integer(properties, prefix + "breaker.sliding-window-size", 20),
                        integer(properties, prefix + "breaker.minimum-calls", 10),
                        integer(properties, prefix + "breaker.wait-in-open-ms", 30_000)),
                properties.resolveProperty(prefix + "auth-token-env").filter(s -> !s.isBlank()).orElse(null),
                types(properties.resolveProperty(prefix + "reidentify").orElse(""), prefix + "reidentify"));
    }

    /** A comma-separated list of personal-data types, as {@code reidentify} takes it; {@code key} names it in errors. */
    public static Set<PiiType> types(String list, String key) {
        Set<PiiType> types = new TreeSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                types.add(PiiType.named(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                        key + ": '" + name.strip() + "' is not one of " + Arrays.toString(PiiType.values()))));
            }
        }
        return Set.copyOf(types);
    }

    private static int integer(PropertiesComponent properties, String key, int fallback) {
        return properties.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty())
                .map(Integer::parseInt).orElse(fallback);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
