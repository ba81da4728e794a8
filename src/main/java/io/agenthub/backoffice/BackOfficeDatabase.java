package io.agenthub.backoffice;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The back-office database: the bank's and insurer's legacy records, not the hub's own (which is {@code hubDataSource}).
 * A connection pool; for the sandbox's embedded database, also its tables and seed when it is empty
 * ({@link BackOfficeSchema}, {@link BackOfficeSeed}). A real back office is used as it is: the hub never changes its
 * schema.
 */
public final class BackOfficeDatabase extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BackOfficeDatabase.class);

    private final BackOfficeSettings settings;
    private final BackOfficeSchema schema;
    private final Consumer<DataSource> seed;
    private HikariDataSource pool;

    /** @param seed fills a freshly made sandbox database */
    public BackOfficeDatabase(BackOfficeSettings settings, BackOfficeSchema schema, Consumer<DataSource> seed) {
        this.settings = settings;
        this.schema = schema;
        this.seed = seed;
    }

    @Override
    protected void doStart() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("back-office");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Math.max(250, settings.connectTimeoutMs()));
        pool = new HikariDataSource(config);
        if (settings.seedWhenEmpty() && !hasTables(pool)) {
            schema.create(pool);
            seed.accept(pool);
            LOG.info("Back-office database {} created and seeded (sandbox)", settings.redactedUrl());
        } else {
            LOG.info("Back-office database {}", settings.redactedUrl());
        }
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
            throw new IllegalStateException("the back-office database is not started");
        }
        return pool;
    }

    /** Whether the schema's first table is there (H2 keeps names upper-case, PostgreSQL lower-case). */
    static boolean hasTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String name : new String[] {"customer", "CUSTOMER"}) {
                try (ResultSet tables = connection.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
