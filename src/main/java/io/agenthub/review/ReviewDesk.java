package io.agenthub.review;

import io.agenthub.access.CallerAccess;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Page;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.capability.TierAttempt;
import io.agenthub.capability.TierKind;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.store.GoldenExamples;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestRecord;
import io.agenthub.store.RequestStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where reviewers work the queue: its items with the labels they may choose, and the resolution of one, which
 * commits in one transaction with everything it decides: the item resolved, an audit step on the request (who, when,
 * what, and what the models had said), the lesson kept ({@link GoldenExamples}), and for the request either a person's
 * intent in place of the model's, for its re-run ({@code direct:process-request} in routes/reviews.camel.yaml), or
 * its final answer.
 */
public final class ReviewDesk {

    /** The step a resolution adds to the request's history (and so to the audit trail). */
    public static final String RESOLVED_STEP = "review-resolved";
    /** The label of an out-of-scope request when its capability's models have none of their own. */
    public static final String OUT_OF_SCOPE = "out_of_scope";
    /** The tier name of a person's answer, as processors/ names the review-queue tier. */
    static final String PEOPLE_TIER = "people";
    private static final String ALREADY_RESOLVED = "This review item was resolved already; a resolution is made once.";
    private static final String NO_ANSWER_YET = "The request has no answer yet to replace; resolve it once it has.";

    private final ReviewQueue queue;
    private final Ledger ledger;
    private final GoldenExamples examples;
    private final CapabilityRegistry capabilities;
    private final CapabilityCascade frontDoor;
    private final Pseudonymiser pseudonymiser;
    private final StrictJson strictJson;
    private final TransactionTemplate tx;
    private final Clock clock;

    /**
     * @param frontDoor the front door's capability: it decided a contested request, and it classifies every re-run
     * @param tx        over the hub's database, which the queue, the ledger and the examples share
     */
    public ReviewDesk(ReviewQueue queue, Ledger ledger, GoldenExamples examples, CapabilityRegistry capabilities,
                      CapabilityCascade frontDoor, Pseudonymiser pseudonymiser, StrictJson strictJson,
                      TransactionTemplate tx, Clock clock) {
        this.queue = queue;
        this.ledger = ledger;
        this.examples = examples;
        this.capabilities = capabilities;
        this.frontDoor = frontDoor;
        this.pseudonymiser = pseudonymiser;
        this.strictJson = strictJson;
        this.tx = tx;
        this.clock = clock;
    }

    /** A page of the given tenants' items, soonest deadline first, each with its labels (see {@link ReviewQueue#page}). */
    public Page<ReviewItem> page(String status, String limit, String after, Collection<String> tenants) {
        Page<ReviewItem> page = queue.page(status, limit, after, tenants);
        Map<String, List<String>> labels = new HashMap<>();
        return new Page<>(page.items().stream()
                .map(item -> item.withLabels(labels.computeIfAbsent(capabilityOf(item), this::labels))).toList(), page.next());
    }

    /** One item, with its labels; 404 when there is none (the route checks the tenant). */
    public ReviewItem item(String reviewId) {
        long id;
        try {
            id = Long.parseLong(reviewId == null ? "" : reviewId.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, CallerAccess.NO_REVIEW);
        }
        ReviewItem item = queue.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, CallerAccess.NO_REVIEW));
        return item.withLabels(labels(capabilityOf(item)));
    }

    /** The resolution the body asks for: 409 when the item was resolved already, 400 when it is not one it can take. */
    public ResolutionRequest read(ReviewItem item, byte[] body) {
        if (!item.pending()) {
            throw new ProblemException(ProblemType.ALREADY_DECIDED, ALREADY_RESOLVED);
        }
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object such as"
                    + " {\"intent\": \"...\", \"note\": \"...\"}.");
        }
        return ResolutionRequest.of(strictJson.read(body), item);
    }

    /**
     * Resolves the item, in one transaction: 409 when it was resolved already (or meanwhile, by someone else), or when
     * its request has no answer yet to replace.
     *
     * @param answer the request's final answer worded for the customer, when the resolution gives one
     *               ({@link ResolutionRequest#answersNow}); else null
     * @param by     who resolves it (the caller's id)
     * @return the request to run again ({@code direct:process-request}) when a person chose its intent; else null.
     *         It is in progress and recalls the person's intent, so should this hub stop first, recovery re-runs it
     */
    public HubRequest resolve(ReviewItem item, ResolutionRequest resolution, FlowResult answer, String by) {
        RequestRecord request = ledger.records().find(item.requestId());
        boolean replacesAnswer = resolution.reruns() || resolution.answersNow();
        if (replacesAnswer && request.status() == RequestStatus.IN_PROGRESS) {
            throw new ProblemException(ProblemType.REQUEST_IN_PROGRESS, NO_ANSWER_YET);
        }
        RedactedRequest note = pseudonymiser.redact(new HubRequest(request.tenant(), request.channel(),
                request.subjectId(), resolution.note(), null, null));
        String capability = capabilityOf(item);
        Map<String, Object> modelAnswer = modelAnswer(item, request);
        return tx.execute(status -> {
            ReviewItem.Resolution resolved = new ReviewItem.Resolution(by, clock.instant(), resolution.choice().wireName(),
                    resolution.intent(), note.request().text());
            if (!queue.resolve(item.reviewId(), resolved)) {
                throw new ProblemException(ProblemType.ALREADY_DECIDED, ALREADY_RESOLVED);
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("reviewId", item.reviewId());
            step.put("kind", item.kind().wireName());
            step.put("by", by);
            step.put("choice", resolved.choice());
            step.put("intent", resolution.intent());
            step.put("note", resolved.note());
            step.put("noteDigest", note.textDigest());
            step.put("modelAnswer", modelAnswer);
            ledger.steps().step(item.requestId(), RESOLVED_STEP, step);
            examples.record(capability, request.tenant(), request.requestId(), request.text(),
                    label(resolution, item, capability), null, kind(resolution), by, modelAnswer);
            if (resolution.reruns()) {
                // The re-run recalls the intent decision; the later one, this, wins.
                ledger.decisions().override(request.requestId(), "intent",
                        byPerson(capability, resolution.intent(), 1.0, by));
                return reopen(request.requestId());
            }
            if (resolution.answersNow()) {
                finalAnswer(request, resolution, answer, capability, by);
            }
            return null;
        });
    }

    private HubRequest reopen(String requestId) {
        return ledger.requests().reopen(requestId)
                .orElseThrow(() -> new ProblemException(ProblemType.REQUEST_IN_PROGRESS, NO_ANSWER_YET));
    }

    /** Stores the final answer a person gave: out of scope (a person's label), or their words (the intent stays). */
    private void finalAnswer(RequestRecord request, ResolutionRequest resolution, FlowResult answer, String capability,
                             String by) {
        reopen(request.requestId());
        CascadeAnswer intent;
        if (resolution.choice() == ResolutionRequest.Choice.OUT_OF_SCOPE) {
            intent = byPerson(capability, outOfScopeLabel(capability), 1.0, by);
            ledger.requests().classified(request.requestId(), intent, request.route());
        } else {
            intent = byPerson(capability, request.intent(), request.confidence() == null ? 0.0 : request.confidence(), by);
        }
        ledger.requests().complete(request.requestId(), intent, request.route(), answer);
    }

    /**
     * A person's answer as the cascade's own: tier {@code people}, the person's id as its model, accepted; not
     * escalated, since a person is the last tier, so the flow directory hands it to the flow of its intent.
     */
    static CascadeAnswer byPerson(String capability, String label, double confidence, String by) {
        return new CascadeAnswer(capability, label, confidence, PEOPLE_TIER, by, false,
                List.of(new TierAttempt(PEOPLE_TIER, TierKind.REVIEW_QUEUE, by, null, label, confidence, 0.0, true, null,
                        null)));
    }

    private static Map<String, Object> modelAnswer(ReviewItem item, RequestRecord request) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("capability", item.capability());
        answer.put("label", item.suggestedLabel());
        answer.put("confidence", item.suggestedConfidence());
        answer.put("route", request.route());
        answer.put("reason", item.reason());
        return answer;
    }

    /** The label the lesson teaches: what the person chose, or confirmed; null when they answered in words. */
    private String label(ResolutionRequest resolution, ReviewItem item, String capability) {
        return switch (resolution.choice()) {
            case INTENT, OVERTURN -> resolution.intent();
            case OUT_OF_SCOPE -> outOfScopeLabel(capability);
            case UPHOLD -> item.suggestedLabel();
            case ANSWER -> null;
        };
    }

    private static GoldenExamples.Kind kind(ResolutionRequest resolution) {
        return switch (resolution.choice()) {
            case INTENT, UPHOLD -> GoldenExamples.Kind.RESOLUTION;
            case OUT_OF_SCOPE -> GoldenExamples.Kind.OUT_OF_SCOPE;
            case ANSWER -> GoldenExamples.Kind.ANSWER;
            case OVERTURN -> GoldenExamples.Kind.OVERTURN;
        };
    }

    private String outOfScopeLabel(String capability) {
        return capabilities.find(capability).flatMap(CapabilityCascade::outOfScopeLabel).orElse(OUT_OF_SCOPE);
    }

    /** A contested decision was the front door's. */
    private String capabilityOf(ReviewItem item) {
        return item.capability() != null ? item.capability() : frontDoor.capability();
    }

    private List<String> labels(String capability) {
        return capabilities.find(capability).map(c -> c.allowedLabels().stream().sorted().toList()).orElse(List.of());
    }
}
