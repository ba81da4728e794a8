package io.agenthub.frontdoor;

import java.util.List;

/** An organisation the hub processes requests for, and the channels it accepts them from. */
public record Tenant(String id, String name, List<String> channels) {

    public Tenant {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A tenant that lists no channels accepts any. */
    public boolean accepts(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }
}
