package io.agenthub.tenants;


import java.util.List;

/**
 * An organisation the hub processes requests for, the channels it accepts them from, and how much it and each of
 * its callers may ask of the hub at once ({@code null}: not limited).
 */
public record Tenant(String id, String name, List<String> channels, Limits limits, Limits callerLimits) {

    public Tenant {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A tenant without limits. */
    public Tenant(String id, String name, List<String> channels) {
        this(id, name, channels, null, null);
    }

    /** A tenant that lists no channels accepts any. */
    public boolean accepts(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }
}
