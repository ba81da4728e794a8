package io.agenthub.routes;

import io.agenthub.actions.ActionCheck;
import io.agenthub.actions.ActionComponent;
import io.agenthub.actions.ActionEndings;
import io.agenthub.actions.ActionGate;
import io.agenthub.actions.ActionPolicy;
import io.agenthub.actions.Approvals;
import io.agenthub.actions.AutomationPauses;
import io.agenthub.flows.payments.ChargebackRules;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.messages.ShippedMessages;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.review.ReviewQueue;
import io.agenthub.store.Database;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestRecord;
import io.agenthub.testing.MemoryDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's real ledger on an in-memory database with the hub's migrations, for route tests: a request is admitted as
 * the front door admits it, the route under test records into its step outbox, and the test answers the request as
 * {@code process-request} does, which writes the steps; then it reads them as {@code GET /api/v1/requests/{id}} would.
 */
final class FlowLedger implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.create();
    /** The shipped customer texts, which process-request words a flow's answer with. */
    static final CustomerMessages MESSAGES = ShippedMessages.english();

    private final Database database;
    private final Ledger ledger;
    private final ReviewQueue reviews;
    private Approvals approvals;
    private ActionPolicy policy;
    private AutomationPauses pauses;
    private java.util.function.Function<String, Optional<ActionCheck>> checks;
    private ActionGate gate;

    private FlowLedger(Database database) {
        this.database = database;
        this.reviews = new ReviewQueue(database.dataSource(), JSON, Clock.systemUTC(), ReviewQueue.DEFAULT_DEADLINE);
        this.ledger = Ledger.open(database.dataSource(), JSON, Clock.systemUTC(), reviews);
    }

    static FlowLedger open() {
        Database database = MemoryDatabase.started("route-test");
        return new FlowLedger(database);
    }

    Ledger ledger() {
        return ledger;
    }

    /**
     * The action gate of the hub on this ledger: the shipped policy (compliance/actions.yaml), approvals and pauses in
     * this database, the chargeback's second check; bound as the {@code action} component of a route test.
     */
    ActionComponent actions() {
        if (approvals == null) {
            approvals = new Approvals(database.dataSource(), JSON, Clock.systemUTC(), ledger, MESSAGES::word,
                    new ActionEndings());
            ActionPolicy policy;
            try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("compliance/actions.yaml"))) {
                policy = ActionPolicy.read(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            AutomationPauses pauses = new AutomationPauses(database.dataSource(), Clock.systemUTC(), ledger.steps(),
                    flow -> true, policy::names);
            // On the day the payment route test's flows run (its fixed clock).
            ActionCheck chargebackRules = new ChargebackRules(Clock.fixed(java.time.Instant.parse("2026-12-02T10:00:00Z"),
                    java.time.ZoneOffset.UTC), 120);
            checks = name -> name.equals("chargebackRules") ? Optional.of(chargebackRules) : Optional.empty();
            this.policy = policy;
            this.pauses = pauses;
        }
        // A gate per Camel context: each test method's context runs its own execution routes.
        gate = new ActionGate(policy, approvals, pauses, ledger.steps(), ledger.decisions(), checks);
        return new ActionComponent(gate);
    }

    /** The gate of the last {@link #actions()}: what runs an approved action, for an {@code ApprovalExecutor}. */
    ActionGate gate() {
        return gate;
    }

    /** The approvals the gate made. */
    Approvals approvals() {
        return approvals;
    }

    ReviewQueue reviews() {
        return reviews;
    }

    /** Admits the request as the front door does (nothing in its text redacted); returns its id. */
    String admit(HubRequest request) {
        return ledger.requests().admit(RedactedRequest.nothingFound(request), null, "app@test").requestId();
    }

    /** Stores the flow's result as the request's answer, as {@code process-request} does after its flow. */
    void answer(String requestId, CascadeAnswer intent, String flow, FlowResult result) {
        ledger.requests().classified(requestId, intent, flow);
        ledger.requests().complete(requestId, intent, flow, result);
    }

    /** A flow's run: the request's id and what the flow answered. */
    record Run(String requestId, FlowResult result) {
    }

    /**
     * Runs a flow route for a customer's words, admitted as the front door admits them, and words and stores its
     * result as {@code process-request} does, as classified by {@code intent}.
     */
    Run run(ProducerTemplate flow, String text, CascadeAnswer intent, String route) {
        HubRequest request = new HubRequest("demo-bank", "app", "C-1", text, null, null);
        String requestId = admit(request);
        Exchange done = flow.send(exchange -> {
            exchange.setVariable("request", request);
            exchange.setVariable("requestId", requestId);
            exchange.setVariable("intent", intent);
        });
        assertThat(done.getException()).as("the flow's failure").isNull();
        FlowResult result = MESSAGES.word(request.tenant(), done.getMessage().getBody(FlowResult.class));
        answer(requestId, intent, route, result);
        return new Run(requestId, result);
    }

    RequestRecord record(String requestId) {
        return ledger.records().find(requestId);
    }

    /** The names of the request's steps, in order. */
    List<String> stepNames(String requestId) {
        return record(requestId).steps().stream().map(RequestRecord.Step::step).toList();
    }

    /** The detail of the request's only step of this name. */
    com.fasterxml.jackson.databind.JsonNode step(String requestId, String name) {
        List<RequestRecord.Step> steps = record(requestId).steps().stream().filter(s -> s.step().equals(name)).toList();
        if (steps.size() != 1) {
            throw new AssertionError("request " + requestId + " has " + steps.size() + " '" + name + "' steps: "
                    + stepNames(requestId));
        }
        return steps.get(0).detail();
    }

    @Override
    public void close() {
        database.stop();
    }
}
