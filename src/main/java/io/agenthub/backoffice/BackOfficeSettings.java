package io.agenthub.backoffice;

/**
 * Where the back-office database is and how the hub reaches it ({@code hub.backoffice.*},
 * {@code connectors/back-office.properties}).
 *
 * @param seedWhenEmpty the sandbox's own database: its tables are made and seeded when it has none
 */
public record BackOfficeSettings(String url, String user, String password, int poolSize, long connectTimeoutMs,
                                 boolean seedWhenEmpty) {

    /** The URL fit for a log: credentials can ride in a JDBC URL. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    @Override
    public String toString() {
        // The record's own would print the password.
        return "BackOfficeSettings[url=" + redactedUrl() + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
