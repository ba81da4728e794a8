package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.DataSubject;
import io.agenthub.api.FieldError;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestRecord;
import io.agenthub.vault.SubjectVault;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import javax.sql.DataSource;

/**
 * {@code POST /api/v1/requests/{id}/reveal {"token":"<PERSON_1>"}}: the original value behind one token of a request's
 * text, for a person deciding about it (the roles of hub.inbox.reveal-roles). Only a token that stands in the request's
 * stored text can be revealed, so a request id cannot be used to read the subject's other values. The reveal is a
 * {@code revealed} step of the request (token and who; never the value), written before the value is returned: a
 * value no one can see was revealed is never handed out.
 */
public final class ValueReveal {

    /** What the caller gets: the token and the value it stands for. */
    public record Revealed(String token, String value) {
    }

    public static final String STEP = "revealed";

    private final Ledger ledger;
    private final SubjectVault vault;
    private final StrictJson json;
    private final TransactionTemplate tx;

    public ValueReveal(DataSource dataSource, Ledger ledger, SubjectVault vault, ObjectMapper json) {
        this.ledger = ledger;
        this.vault = vault;
        this.json = new StrictJson(json);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** The value behind the body's token in the request's text, revealed to {@code revealedBy} (a caller id). */
    public Revealed reveal(String requestId, byte[] body, String revealedBy) {
        String token = token(body);
        String name = token.substring(1, token.length() - 1);
        RequestRecord record = ledger.records().find(requestId);
        if (record.text() == null || !record.text().contains(token)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The request's text holds no " + token + ".");
        }
        String value = vault.reveal(new DataSubject(record.tenant(), record.subjectId()), name)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "The value behind " + token
                        + " is no longer held (the subject's data was erased, or it passed its retention period)."));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("token", token);
        detail.put("by", revealedBy);
        tx.executeWithoutResult(status -> ledger.steps().step(requestId, STEP, detail));
        return new Revealed(token, value);
    }

    /** The body's token: exactly {"token":"<TYPE_N>"}; 400 naming what is wrong otherwise. */
    private String token(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object such as {\"token\": \"<PERSON_1>\"}.");
        }
        JsonNode root = json.read(body);
        if (!root.isObject() || root.size() != 1 || !root.path("token").isTextual()) {
            throw invalid("The body is {\"token\": \"<PERSON_1>\"} and nothing else.");
        }
        String token = root.path("token").asText();
        Matcher match = Pseudonymiser.TOKEN.matcher(token);
        if (token.length() > 64 || !match.matches() || match.group(2) == null) {
            throw invalid("token must be a numbered token of the request's text, such as <PERSON_1>.");
        }
        return token;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail, List.of(new FieldError("token", detail))));
    }
}
