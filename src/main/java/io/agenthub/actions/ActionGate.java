package io.agenthub.actions;

import io.agenthub.access.Caller;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.store.Decisions;
import io.agenthub.store.StepOutbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Flows propose, the gate decides. For each proposed action it applies the action policy: {@code auto} runs it now;
 * {@code verify} runs it when the independent check agrees, and holds it for a person when not; {@code approve} and
 * {@code four-eyes} hold it as an approval, made durable with the answer that tells the customer it is pending. A paused
 * flow or action (an operator's decision) holds everything. What runs, runs through the action's execution route
 * ({@code direct:execute-<type>}, routes/actions.camel.yaml), the same route an approved action later runs through.
 */
public final class ActionGate {

    /** The execution route of an action type. */
    public static String executionRoute(String type) {
        return "execute-" + type;
    }

    private final ActionPolicy policy;
    private final Approvals approvals;
    private final AutomationPauses pauses;
    private final StepOutbox outbox;
    private final Decisions decisions;
    private final Function<String, Optional<ActionCheck>> checks;
    private volatile CamelContext camel;
    private volatile ProducerTemplate producer;

    /** @param checks the {@link ActionCheck} bean of a verify rule, by the name the policy gives it */
    public ActionGate(ActionPolicy policy, Approvals approvals, AutomationPauses pauses, StepOutbox outbox,
                      Decisions decisions, Function<String, Optional<ActionCheck>> checks) {
        this.policy = policy;
        this.approvals = approvals;
        this.pauses = pauses;
        this.outbox = outbox;
        this.decisions = decisions;
        this.checks = checks;
    }

    /** The Camel context whose execution routes run the actions (the {@code action:} component attaches it). */
    public synchronized void attach(CamelContext context) {
        if (camel == null) {
            camel = context;
            producer = context.createProducerTemplate();
        }
    }

    public ActionPolicy policy() {
        return policy;
    }

    /** Every check a verify rule names must be there before the first request: start-up fails otherwise. */
    public void checkChecks() {
        for (String check : policy.checks()) {
            if (checks.apply(check).isEmpty()) {
                throw new IllegalStateException("compliance/actions.yaml: the verify check '" + check + "' is no bean"
                        + " of the hub implementing ActionCheck");
            }
        }
    }

    /**
     * A flow's proposal, decided: the answer of its execution when it may run now, or the pending answer of the
     * approval it became.
     *
     * @param route the flow route that proposed it
     */
    public FlowResult propose(ProposedAction action, String requestId, HubRequest request, String route) {
        ActionPolicy.AppliedRule rule = policy.ruleFor(action, request.tenant(), request.channel());
        Optional<AutomationPauses.Pause> pause = rule.rule().needsPeople() ? Optional.empty()
                : pauses.pausing(request.tenant(), route, action.type());
        if (pause.isPresent()) {
            rule = rule.needingApproval("paused by an operator: " + pause.get().describe());
        }
        if (rule.rule() == ActionPolicy.RuleKind.VERIFY) {
            ActionCheck.CheckVerdict verdict = checks.apply(rule.check()).orElseThrow().check(action);
            outbox.step(requestId, "verified", Map.of("type", action.type(), "target", action.target(),
                    "check", rule.check(), "agrees", verdict.agrees(), "reason", verdict.reason()));
            if (!verdict.agrees()) {
                rule = rule.needingApproval("the check " + rule.check() + " did not agree: " + verdict.reason());
            }
        }
        // A request re-run after a crash keeps the gate's first decision: it may have acted on it already.
        String decided = decisions.decided(requestId, "gate:" + action.type() + ":" + action.target(),
                rule.rule().needsPeople() ? "hold" : "run");
        if (decided.equals("run")) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("type", action.type());
            detail.put("target", action.target());
            detail.put("digest", ActionDigest.of(action));
            detail.put("rule", rule.matched());
            outbox.step(requestId, "action-cleared", detail);
            return execute(new ActionOrder(null, requestId, request.tenant(), request.subjectId(), action,
                    requestId + ":" + action.type() + ":" + action.targetId(), "policy: " + rule.matched()));
        }
        String approvalId = approvals.newId();
        ActionPolicy.AppliedRule held = rule.rule().needsPeople() ? rule : rule.needingApproval("held at its first run");
        outbox.withNextFlush(requestId, () -> approvals.hold(approvalId, requestId, request.tenant(), request.channel(),
                request.subjectId(), action, held, null, "route:" + route));
        return FlowResult.saying(Outcome.PENDING_APPROVAL, ReplyText.of(ReplyKey.ACTION_PENDING_APPROVAL),
                List.of(new ActionTaken(action.type(), action.target(), "PENDING_APPROVAL", approvalId)));
    }

    /**
     * An action a person asks for over the API (a subject's erasure): never run at once when the policy wants people,
     * who may not include the one asking. Answers the approval it became, or the executed result.
     */
    public Approval request(ProposedAction action, String tenant, String subjectId, Caller requester) {
        ActionPolicy.AppliedRule rule = policy.ruleFor(action, tenant, null);
        if (!rule.rule().needsPeople()) {
            rule = rule.needingApproval("asked for by a person, so another person approves it");
        }
        ActionPolicy.AppliedRule held = rule;
        String approvalId = approvals.newId();
        return approvals.inTransaction(() -> approvals.hold(approvalId, null, tenant, null, subjectId, action, held,
                requester.id(), requester.id()));
    }

    /**
     * Runs a cleared action through its execution route and answers what it did (not yet worded). A back-end failure
     * is thrown as it is: the caller decides (a flow's error handling, or the executor of an approval).
     */
    public FlowResult execute(ActionOrder order) {
        Exchange done = producer.send("direct:" + executionRoute(order.action().type()), exchange -> {
            exchange.setVariable("requestId", order.requestId());
            exchange.getMessage().setBody(order);
        });
        if (done.getException() != null) {
            Exception failure = done.getException();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new org.apache.camel.RuntimeCamelException(failure);
        }
        FlowResult result = done.getMessage().getBody(FlowResult.class);
        if (result == null) {
            throw new IllegalStateException("the route " + executionRoute(order.action().type())
                    + " must end with the customer's answer (a FlowResult)");
        }
        return result;
    }

    public boolean hasExecutionRoute(String type) {
        return camel.getRoute(executionRoute(type)) != null;
    }
}
