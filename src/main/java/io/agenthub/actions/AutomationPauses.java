package io.agenthub.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.store.RequestIds;
import io.agenthub.store.StepOutbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Operators stopping automation (EU AI Act Art. 14, human oversight): a flow, or an action type, paused for a tenant
 * has everything it proposes wait for a person's approval, whatever the policy would let run on its own, until it is
 * resumed. Pauses are durable (a restart does not resume automation) and every pause and resumption is audited.
 */
public final class AutomationPauses {

    /** A flow route or an action type, paused for a tenant. */
    public record Pause(String pauseId, String tenant, String scope, String name, String reason, String pausedBy,
                        Instant pausedAt) {

        public String describe() {
            return scope + " " + name + " for " + tenant + " (paused by " + pausedBy + ": " + reason + ")";
        }
    }

    static final String FLOW = "flow";
    static final String ACTION = "action";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final StepOutbox audit;
    private final Predicate<String> knownFlow;
    private final Predicate<String> knownAction;
    private final StrictJson json;

    /**
     * @param knownFlow   whether a route id is one of the hub's flows (a pause of anything else would stop nothing)
     * @param knownAction whether an action type is one the policy names
     */
    public AutomationPauses(DataSource dataSource, Clock clock, StepOutbox audit, Predicate<String> knownFlow,
                            Predicate<String> knownAction) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.audit = audit;
        this.knownFlow = knownFlow;
        this.knownAction = knownAction;
        this.json = new StrictJson(new com.fasterxml.jackson.databind.ObjectMapper());
    }

    /** The pause that stops this flow's or this action's automation for the tenant, if any. */
    public Optional<Pause> pausing(String tenant, String flow, String action) {
        return jdbc.query("SELECT * FROM hub_automation_pause WHERE tenant = ? AND ((scope = ? AND name = ?) OR"
                        + " (scope = ? AND name = ?)) ORDER BY paused_at", (rs, i) -> pause(rs), tenant, FLOW,
                flow == null ? "" : flow, ACTION, action).stream().findFirst();
    }

    /** Every pause of the given tenants, oldest first. */
    public List<Pause> list(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT * FROM hub_automation_pause WHERE tenant IN ("
                + String.join(",", Collections.nCopies(tenants.size(), "?")) + ") ORDER BY paused_at, pause_id",
                (rs, i) -> pause(rs), tenants.toArray());
    }

    /** Every pause, for the health check. */
    public List<Pause> all() {
        return jdbc.query("SELECT * FROM hub_automation_pause ORDER BY paused_at, pause_id", (rs, i) -> pause(rs));
    }

    /**
     * Pauses a flow or an action type for a tenant: {@code {"tenant","flow"|"action","reason"}} (strict JSON). 409 when it is paused already; 400 for a flow or action the hub does not have.
     */
    public Pause pause(byte[] request, Caller operator) {
        JsonNode body = request == null || request.length == 0 ? null : json.read(request);
        if (body == null || !body.isObject()) {
            throw invalid("The body must be a JSON object: {\"tenant\":\"...\",\"flow\":\"...\",\"reason\":\"...\"}.");
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!Set.of("tenant", "flow", "action", "reason").contains(field)) {
                throw invalid("Unknown field '" + field + "'; a pause has tenant, flow or action, and reason.");
            }
        }
        String tenant = body.path("tenant").asText("");
        if (!operator.holds(Role.OPERATOR, tenant)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Pausing needs the role operator for the tenant named;"
                    + " this token holds it for " + String.join(", ", operator.tenants(Role.OPERATOR)) + ".");
        }
        boolean flow = body.hasNonNull("flow");
        if (flow == body.hasNonNull("action")) {
            throw invalid("Name either a flow (a route id such as payment-not-recognised) or an action type, not both.");
        }
        String name = body.path(flow ? "flow" : "action").asText("");
        if (flow ? !knownFlow.test(name) : !knownAction.test(name)) {
            throw invalid(flow ? "No flow route '" + clip(name) + "' in this hub." : "The action policy names no action '"
                    + clip(name) + "'.");
        }
        String reason = body.path("reason").asText("").strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw invalid("Give a reason (at most 500 characters): it is kept in the audit trail.");
        }
        Pause pause = new Pause(RequestIds.next(clock), tenant, flow ? FLOW : ACTION, name, reason, operator.id(),
                clock.instant());
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO hub_automation_pause (pause_id, tenant, scope, name, reason, paused_by, paused_at)"
                                + " VALUES (?,?,?,?,?,?,?)", pause.pauseId(), tenant, pause.scope(), name, reason,
                        pause.pausedBy(), Timestamp.from(pause.pausedAt()));
                audit.event("automation-paused", detail(pause, operator.id()));
            });
        } catch (DuplicateKeyException e) {
            throw new ProblemException(ProblemType.ALREADY_DECIDED, "The " + pause.scope() + " " + name
                    + " is paused for " + tenant + " already.");
        }
        return pause;
    }

    /** Resumes automation: the pause is lifted (404 for another tenant's, or one lifted already). */
    public Pause resume(String pauseId, Caller operator) {
        Pause pause = jdbc.query("SELECT * FROM hub_automation_pause WHERE pause_id = ?", (rs, i) -> pause(rs),
                        pauseId == null ? "" : pauseId).stream()
                .filter(p -> operator.holds(Role.OPERATOR, p.tenant())).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No pause with this id."));
        tx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM hub_automation_pause WHERE pause_id = ?", pauseId);
            audit.event("automation-resumed", detail(pause, operator.id()));
        });
        return pause;
    }

    private static Map<String, Object> detail(Pause pause, String by) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("pauseId", pause.pauseId());
        detail.put("tenant", pause.tenant());
        detail.put(pause.scope(), pause.name());
        detail.put("by", by);
        return detail;
    }

    private static Pause pause(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pause(rs.getString("pause_id"), rs.getString("tenant"), rs.getString("scope"), rs.getString("name"),
                rs.getString("reason"), rs.getString("paused_by"), rs.getTimestamp("paused_at").toInstant());
    }

    private static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail));
    }
}
