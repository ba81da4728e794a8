package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.FieldError;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.frontdoor.VisibleText;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.review.ReviewQueue;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestRecord;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code POST /api/v1/requests/{id}/contest}: the person a decision concerns asks for a human review
 * (GDPR Art. 22(3)). Their statement is pseudonymised like any request text, kept in the request's history,
 * and the request joins the review queue, both in one transaction.
 */
public final class DecisionContests {

    /** What the caller gets back: the review that now holds the request. */
    public record Receipt(String requestId, long reviewId, String status, String message) {
    }

    private static final int MAX_STATEMENT_CHARS = 2000;

    private final Ledger ledger;
    private final ReviewQueue reviews;
    private final Pseudonymiser pseudonymiser;
    private final StrictJson json;
    private final TransactionTemplate tx;

    public DecisionContests(DataSource dataSource, Ledger ledger, ReviewQueue reviews, Pseudonymiser pseudonymiser,
                            ObjectMapper json) {
        this.ledger = ledger;
        this.reviews = reviews;
        this.pseudonymiser = pseudonymiser;
        this.json = new StrictJson(json);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public Receipt contest(String requestId, byte[] body) {
        String statement = statement(body);
        RequestRecord record = ledger.records().find(requestId);
        RedactedRequest redacted = pseudonymiser.redact(new HubRequest(record.tenant(), record.channel(),
                record.subjectId(), statement, null, null));
        long reviewId = tx.execute(status -> {
            long id = reviews.enqueueContest(requestId, record.intent(), record.confidence());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reviewId", id);
            detail.put("statement", redacted.request().text());
            detail.put("statementDigest", redacted.textDigest());
            detail.put("redacted", redacted.found());
            ledger.steps().step(requestId, "contested", detail);
            return id;
        });
        return new Receipt(requestId, reviewId, ReviewQueue.PENDING,
                "A member of staff will review this decision; GET /api/v1/requests/" + requestId + "/explanation shows it.");
    }

    private String statement(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object such as {\"statement\": \"...\"}.");
        }
        JsonNode root = json.read(body);
        JsonNode statement = root.get("statement");
        if (statement == null || !statement.isTextual() || statement.asText().isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "Say why you contest the decision.",
                    List.of(new FieldError("statement", "is required"))));
        }
        if (statement.asText().length() > MAX_STATEMENT_CHARS) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "The statement is too long.",
                    List.of(new FieldError("statement", "must be at most " + MAX_STATEMENT_CHARS + " characters"))));
        }
        String unreadable = VisibleText.problemWith(statement.asText());
        if (unreadable != null) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "The statement cannot be shown as sent.",
                    List.of(new FieldError("statement", unreadable))));
        }
        return statement.asText().strip();
    }
}
