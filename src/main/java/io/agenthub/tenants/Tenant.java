package io.agenthub.tenants;


import java.util.List;

/**
 * An organisation the hub processes requests for, the channels it accepts them from, how much it and each of
 * its callers may ask of the hub at once ({@code null}: not limited), and the capability its front door classifies
 * requests with ({@code null}: the hub's, {@code hub.front-door.capability}): an insurer's customers ask for other
 * things than a bank's.
 */
public record Tenant(String id, String name, List<String> channels, Limits limits, Limits callerLimits, String capability) {

    public Tenant {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A tenant classified with the hub's front-door capability. */
    public Tenant(String id, String name, List<String> channels, Limits limits, Limits callerLimits) {
        this(id, name, channels, limits, callerLimits, null);
    }

    /** A tenant without limits. */
    public Tenant(String id, String name, List<String> channels) {
        this(id, name, channels, null, null);
    }

    /** The capability this tenant's requests are classified with: its own, else {@code hubDefault}. */
    public String capabilityOr(String hubDefault) {
        return capability == null ? hubDefault : capability;
    }

    /** A tenant that lists no channels accepts any. */
    public boolean accepts(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }
}
