package io.agenthub.store;

import io.agenthub.RunningHub;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The hub on a real PostgreSQL (started from Maven jars): configuration only, same migrations, same behaviour. */
class PostgresPathTest {

    @Order(1)
    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @Order(2)
    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("hub.db.url", postgres.jdbcUrl())
            .with("hub.db.user", "postgres")
            .with("hub.db.password", "postgres");

    @Test
    void requestsAreStoredInPostgresql() throws Exception {
        String answer = hub.postRequest(request("C-1001", "I lost my card", "pg-key-1")).body();
        String requestId = json(answer).path("requestId").asText();

        JdbcTemplate jdbc = new JdbcTemplate(postgres.server().getPostgresDatabase());
        assertThat(jdbc.queryForObject("SELECT status FROM hub_request WHERE request_id = ?", String.class, requestId))
                .isEqualTo("COMPLETED");
        // received, decided (intent), classified, connector-call, decided (card), policy, decided (the gate's),
        // action-cleared, action-requested, connector-call, replied
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hub_request_step WHERE request_id = ?", Integer.class, requestId))
                .isEqualTo(11);
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(hub.postRequest(request("C-1001", "I lost my card", "pg-key-1")).body()).isEqualTo(answer);

        // personal data goes to the vault there too, sealed
        String named = json(hub.postRequest(request("C-1004", "My card was stolen, mail me at ann@example.org", null)).body())
                .path("requestId").asText();
        assertThat(jdbc.queryForObject("SELECT request_text FROM hub_request WHERE request_id = ?", String.class, named))
                .isEqualTo("My card was stolen, mail me at <EMAIL_ADDRESS_1>");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault_value WHERE subject_id = 'C-1004'", Integer.class)).isEqualTo(1);
    }

    /** One embedded PostgreSQL for the class: started before the hub that uses it, stopped after it. */
    static final class PostgresServer implements AfterAllCallback {
        private final EmbeddedPostgres server;

        PostgresServer() {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        EmbeddedPostgres server() {
            return server;
        }

        String jdbcUrl() {
            return server.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            server.close();
        }
    }
}
