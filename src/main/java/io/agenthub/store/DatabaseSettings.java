package io.agenthub.store;

/** JDBC settings; the password is resolved from configuration, typically an environment variable. */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {
}
