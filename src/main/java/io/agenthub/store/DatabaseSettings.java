package io.agenthub.store;

/** JDBC settings; the password is resolved from configuration, typically an environment variable. */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {

    /** An H2 database in a file of this machine, which only this process opens unless it is shared. */
    public boolean embeddedH2() {
        return url.startsWith("jdbc:h2:file:");
    }

    /** The URL fit for a log: credentials can ride in a JDBC URL. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    @Override
    public String toString() {
        // The record's own would print the password.
        return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
