package io.agenthub.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.access.AccessAudit;
import io.agenthub.api.DataSubject;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestRecord;
import io.agenthub.vault.SubjectVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A data subject's rights over what the hub holds: access (GDPR Art. 15), a readable copy of every
 * request, step, review and personal value held about them; and erasure (Art. 17) by crypto-shredding.
 * The erasure is itself an audit event, written in the same transaction that destroys the key.
 */
public final class SubjectRights {

    /** What an erasure did, for the operator and the audit trail. */
    public record Erasure(DataSubject subject, boolean keyDestroyed, int values, int requestTexts) {
    }

    static final String ERASED_STEP = "subject-erased";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Ledger ledger;
    private final SubjectVault vault;
    private final ObjectMapper json;
    private final Clock clock;

    public SubjectRights(DataSource dataSource, Ledger ledger, SubjectVault vault, ObjectMapper json, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ledger = ledger;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
    }

    /** The subjects known by this id, in every tenant that holds data for it. */
    public List<DataSubject> subjectsWithId(String subjectId) {
        return jdbc.queryForList("SELECT DISTINCT tenant FROM hub_request WHERE subject_id = ?"
                        + " UNION SELECT DISTINCT tenant FROM vault_subject_key WHERE subject_id = ? ORDER BY 1",
                String.class, subjectId, subjectId).stream().map(tenant -> new DataSubject(tenant, subjectId)).toList();
    }

    /**
     * Everything held about the subject, readable: their personal values from the vault, and each request
     * with its text as they wrote it (tokens put back), as stored (tokens), its steps, answer and reviews. The
     * read is recorded in the audit trail with {@code reader}, who asked.
     */
    public ObjectNode export(DataSubject subject, String reader) {
        // Personal data read in clear: who read it goes in the audit trail first.
        ledger.steps().event(AccessAudit.READ_STEP, new AccessAudit.Read(reader, "subject-export", subject.tenant(), null,
                subject.subjectId()));
        Map<String, String> values = new LinkedHashMap<>();
        ObjectNode out = json.createObjectNode();
        out.put("format", "agent-hub subject export v1");
        out.put("exportedAt", clock.instant().toString());
        out.putObject("subject").put("tenant", subject.tenant()).put("subjectId", subject.subjectId());
        ArrayNode personalData = out.putArray("personalData");
        for (SubjectVault.Entry entry : vault.entries(subject)) {
            values.put(entry.token(), entry.value());
            personalData.addObject().put("token", "<" + entry.token() + ">").put("type", entry.type().name())
                    .put("value", entry.value()).put("storedAt", entry.createdAt().toString());
        }
        ArrayNode requests = out.putArray("requests");
        for (String requestId : ledger.records().requestsOf(subject)) {
            RequestRecord record = ledger.records().find(requestId);
            ObjectNode request = json.valueToTree(record);
            request.put("textAsWritten", Pseudonymiser.replaceTokens(record.text(), (token, type) -> values.get(token)));
            request.set("reviews", json.valueToTree(jdbc.queryForList("SELECT review_id, capability, reason,"
                    + " suggested_label, status, created_at FROM hub_review WHERE request_id = ? ORDER BY review_id",
                    requestId).stream().map(SubjectRights::lowerCaseKeys).toList()));
            requests.add(request);
        }
        ArrayNode erasures = out.putArray("erasures");
        jdbc.query("SELECT recorded_at, detail_json FROM hub_request_step WHERE request_id IS NULL AND step = ?"
                + " ORDER BY step_id", rs -> {
            JsonNode detail = read(rs.getString(2));
            if (subject.tenant().equals(detail.path("tenant").asText())
                    && subject.subjectId().equals(detail.path("subjectId").asText())) {
                erasures.addObject().put("erasedAt", rs.getTimestamp(1).toInstant().toString()).setAll((ObjectNode) detail);
            }
        }, ERASED_STEP);
        return out;
    }

    /**
     * Destroys the subject's key (their vault values become unreadable, in every copy) and blanks their
     * requests' stored texts, the copies of them golden examples hold, and where their flagged payments were made
     * (fraud alerts); the request history, which holds tokens and digests only, stays and still
     * verifies. Recorded as a {@code subject-erased} audit event, with who asked ({@code by}), in the same transaction.
     */
    public Erasure erase(DataSubject subject, String reason, String by) {
        return tx.execute(status -> {
            SubjectVault.Erasure shredded = vault.erase(subject);
            int texts = ledger.erasure().eraseTextsOf(subject);
            int examples = ledger.erasure().eraseExampleTextsOf(subject);
            int alerts = ledger.erasure().eraseAlertDetailsOf(subject);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("tenant", subject.tenant());
            detail.put("subjectId", subject.subjectId());
            detail.put("keyDestroyed", shredded.keyDestroyed());
            detail.put("values", shredded.values());
            detail.put("requestTexts", texts);
            detail.put("exampleTexts", examples);
            detail.put("fraudAlertDetails", alerts);
            detail.put("reason", reason == null ? "" : reason);
            detail.put("by", by);
            ledger.steps().event(ERASED_STEP, detail);
            return new Erasure(subject, shredded.keyDestroyed(), shredded.values(), texts);
        });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored audit event is unreadable", e);
        }
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v instanceof Timestamp t
                ? t.toInstant().toString() : v));
        return out;
    }
}
