package io.agenthub.collections;

/** How the bank's contact systems reach a customer (the back office's {@code preferred_channel}). */
public enum Channel {
    EMAIL, SMS, PHONE, LETTER, APP;

    /** A channel as the back office or the rules file spells it; unknown spellings are refused. */
    public static Channel of(String name) {
        for (Channel channel : values()) {
            if (channel.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return channel;
            }
        }
        throw new IllegalArgumentException("a channel is one of EMAIL, SMS, PHONE, LETTER, APP; not '" + name + "'");
    }
}
