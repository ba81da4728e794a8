package io.agenthub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The hub's database: a connection pool plus the Flyway migrations in {@code db/migration}.
 * The same migrations run on the embedded H2 default and on PostgreSQL.
 */
public final class Database extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final int H2_IN_USE = 90020;

    private final DatabaseSettings settings;
    private HikariDataSource pool;

    public Database(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void doStart() {
        if (settings.url().contains("AUTO_SERVER=TRUE") && System.getProperty("h2.bindAddress") == null) {
            // A shared embedded database (hub.db.shared) lets the CLI (audit verify, subject erase) in while the
            // hub runs, through a server H2 starts on a free port; it refuses other hosts, and need not listen
            // beyond loopback.
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        try {
            pool = new HikariDataSource(poolConfig());
        } catch (RuntimeException e) {
            if (!EmptyPasswordUpgrade.applies(settings, e) || !EmptyPasswordUpgrade.run(settings)) {
                throw e;
            }
            pool = new HikariDataSource(poolConfig());
        }
        var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        LOG.info("Database {} at schema version {}", settings.redactedUrl(), result.targetSchemaVersion != null
                ? result.targetSchemaVersion : "unchanged");
    }

    private HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("agent-hub");
        config.setJdbcUrl(durable(settings.url()));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        return config;
    }

    @Override
    protected void doStop() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    public DataSource dataSource() {
        if (pool == null) {
            throw new IllegalStateException("database is not started");
        }
        return pool;
    }

    /** Readiness: a live connection answers within a second. */
    public boolean isReachable() {
        try (var connection = dataSource().getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * An embedded H2 database acknowledges a commit before writing it, up to WRITE_DELAY (500 ms) later: a
     * kill -9 lost answers the callers had already received. WRITE_DELAY=0 writes each commit before it
     * returns; a URL that sets WRITE_DELAY itself is left as it is.
     */
    static String durable(String url) {
        if (url.startsWith("jdbc:h2:file:") && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /** Whether opening failed because another process holds the embedded database (H2's "already in use"). */
    public static boolean inUseElsewhere(Throwable failure) {
        return causedBy(failure, H2_IN_USE);
    }

    static boolean causedBy(Throwable failure, int errorCode) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == errorCode) {
                return true;
            }
        }
        return false;
    }
}
