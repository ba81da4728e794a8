package io.agenthub.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Embedded databases made before the hub had a password of its own have user {@code sa} with an empty one,
 * which any local process could use. The first time such a database refuses the hub's password, it is
 * opened once with the empty one and given the hub's, so existing data directories keep working.
 */
final class EmptyPasswordUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(EmptyPasswordUpgrade.class);

    /** H2's answer to a wrong user name or password. */
    private static final int WRONG_PASSWORD = 28000;

    private EmptyPasswordUpgrade() {
    }

    /** Whether opening failed because an embedded H2 database refused a non-empty password. */
    static boolean applies(DatabaseSettings settings, Throwable failure) {
        return settings.embeddedH2() && !settings.password().isEmpty() && Database.causedBy(failure, WRONG_PASSWORD);
    }

    /** Gives the database the configured password; false when the empty one is refused as well. */
    static boolean run(DatabaseSettings settings) {
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), "");
             Statement statement = connection.createStatement()) {
            // SET PASSWORD takes no parameter; the literal is quoted the SQL way.
            statement.execute("SET PASSWORD '" + settings.password().replace("'", "''") + "'");
        } catch (SQLException refused) {
            return false;
        }
        LOG.warn("The embedded database had user {} with an empty password, open to any local process; it now has the"
                + " hub's own (hub.db.password, or db-password in the key directory)", settings.user());
        return true;
    }
}
