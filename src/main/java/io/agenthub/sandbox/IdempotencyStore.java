package io.agenthub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agenthub.sandbox.SandboxActions.Action;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every write of the sandboxes goes through here. It remembers the answer to each successful write by its
 * Idempotency-Key, so a client retrying after a timeout gets the first answer instead of a second card block or
 * a second debit; failed attempts (4xx problems) are not remembered, so a client can correct a request and reuse
 * its key. Each applied write is recorded in {@link SandboxActions} and, with a state directory, appended to the
 * {@link SandboxJournal} before it is answered; on start the journal is replayed through the same operations.
 */
final class IdempotencyStore {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    /** Bounded so a long-running demo cannot grow without limit; the oldest keys expire first. */
    private static final int MAX_ENTRIES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);

    /** A write's answer; {@code location} is the created resource's path, or null. */
    record Reply(int status, String json, String location) {
    }

    record Outcome(Reply reply, boolean replayed) {
    }

    /**
     * A kind of write.
     *
     * @param name        scopes Idempotency-Keys and names the action, e.g. {@code raise-chargeback}
     * @param requestType the validated request (a record), which binds a key and is journaled to be replayed
     * @param target      what a request acts on, for the record of actions: the card, the transaction ...
     * @param apply       applies a request to the store and gives the answer, or throws a {@link ProblemException}
     *                    having changed nothing
     */
    record Operation<R>(String name, Class<R> requestType, Function<R, String> target, Function<R, Reply> apply) {
    }

    /** {@code fingerprint}: the request as canonical JSON, so a key is bound to what was asked, not to its spelling. */
    private record Entry(String fingerprint, Reply reply) {
    }

    private final SandboxActions actions;
    private final SandboxClock clock;
    private final Map<String, Operation<?>> operations = new HashMap<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    /** Null: the state is in memory only. */
    private SandboxJournal journal;
    /** Set once an append failed: no later write can be made durable, so none is taken. */
    private boolean journalFailed;

    IdempotencyStore(SandboxActions actions, SandboxClock clock) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock the stores stamp writes with: pinned to the journaled instant while a write applies. */
    SandboxClock clock() {
        return clock;
    }

    /** Reads the key or answers 428, as the write must not run without one. */
    static String requireKey(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null || key.isBlank()) {
            throw new ProblemException(Problem.of(428, "idempotency-key-missing", "Idempotency-Key required",
                    "Writes need an Idempotency-Key header so that retries cannot apply them twice."));
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest("idempotency-key-invalid", "Invalid Idempotency-Key",
                    "The Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters.");
        }
        return key;
    }

    /** Declares a kind of write; each name once, before a journal is replayed. */
    synchronized <R> Operation<R> register(String name, Class<R> requestType, Function<R, String> target,
                                           Function<R, Reply> apply) {
        Operation<R> operation = new Operation<>(name, requestType, target, apply);
        if (operations.putIfAbsent(name, operation) != null) {
            throw new IllegalStateException("Sandbox operation " + name + " is declared twice");
        }
        return operation;
    }

    /**
     * Applies {@code request} at most once per operation and key; keys are scoped per operation, so a client using
     * one key for a card block and a payment gets two writes, not a conflict. The whole check-apply-journal holds
     * the lock, so concurrent retries with one key wait for the first instead of racing it, and the journal's
     * order is the order the writes were applied in. With a journal, the write is on disk before this returns.
     */
    synchronized <R> Outcome execute(Operation<R> operation, String key, R request) {
        String fingerprint = SandboxJson.write(Objects.requireNonNull(request, "request"));
        String scopedKey = operation.name() + ' ' + key;
        Entry previous = entries.get(scopedKey);
        if (previous != null) {
            if (!previous.fingerprint().equals(fingerprint)) {
                throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key reused",
                        "The Idempotency-Key " + key + " was already used for a different request.");
            }
            return new Outcome(previous.reply(), true);
        }
        if (journalFailed) {
            throw unsaved();
        }
        Instant at = clock.instant();
        Reply reply = clock.at(at, () -> operation.apply().apply(request));
        if (reply.status() < 200 || reply.status() >= 300) {
            return new Outcome(reply, false);
        }
        entries.put(scopedKey, new Entry(fingerprint, reply));
        Action action = actions.record(operation.name(), operation.target().apply(request), key, at);
        if (journal != null) {
            append(action, request, reply);
        }
        return new Outcome(reply, false);
    }

    /**
     * Replays the journal's writes over the freshly seeded stores, each at its own instant, then journals every
     * later write to it. Each key answers as it was answered before the restart. Call once, before serving.
     *
     * @return how many writes were replayed
     */
    synchronized int replay(SandboxJournal journal) {
        if (this.journal != null) {
            throw new IllegalStateException("The sandbox journal is already replayed");
        }
        journal.entries().forEach(this::replay);
        this.journal = journal;
        return journal.entries().size();
    }

    private void replay(SandboxJournal.Entry entry) {
        Operation<?> operation = operations.get(entry.operation());
        if (operation == null) {
            throw new IllegalStateException("The sandbox journal holds an operation this sandbox does not have: "
                    + entry.operation() + " (action " + entry.sequence() + ")");
        }
        replay(operation, entry);
    }

    private <R> void replay(Operation<R> operation, SandboxJournal.Entry entry) {
        R request;
        try {
            request = SandboxJson.MAPPER.treeToValue(entry.command(), operation.requestType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The sandbox journal's action " + entry.sequence() + " (" + entry.operation()
                    + ") cannot be read: " + e.getOriginalMessage(), e);
        }
        SandboxJournal.Answer answer = entry.reply();
        Reply journaled = new Reply(answer.status(), answer.body() == null ? null : SandboxJson.write(answer.body()),
                answer.location());
        try {
            Reply again = clock.at(entry.at(), () -> operation.apply().apply(request));
            if (!again.equals(journaled)) {
                LOG.warn("Replaying sandbox action {} ({}) gave another answer than before the restart; the first"
                        + " answer stands for its key", entry.sequence(), entry.operation());
            }
        } catch (ProblemException e) {
            LOG.warn("Replaying sandbox action {} ({}) was refused ({}): the state differs from before the restart",
                    entry.sequence(), entry.operation(), e.problem().title());
        }
        entries.put(entry.operation() + ' ' + entry.idempotencyKey(), new Entry(SandboxJson.write(request), journaled));
        actions.restore(new Action(entry.sequence(), entry.operation(), entry.targetId(), entry.idempotencyKey(),
                entry.at()));
    }

    private void append(Action action, Object request, Reply reply) {
        try {
            SandboxJournal.Answer answer = new SandboxJournal.Answer(reply.status(), reply.location(),
                    reply.json() == null ? null : SandboxJson.MAPPER.readTree(reply.json()));
            journal.append(new SandboxJournal.Entry(action.sequence(), action.at(), action.operation(), action.targetId(),
                    action.idempotencyKey(), SandboxJson.MAPPER.valueToTree(request), answer));
        } catch (IOException | RuntimeException e) {
            // Applied in memory but not on disk: the client is not told it happened (5xx: outcome unknown), and
            // nothing more is taken that a restart would forget.
            journalFailed = true;
            LOG.error("Cannot append to the sandbox journal {}; the sandbox takes no more writes until restarted: {}",
                    journal.file(), e.getMessage());
            throw unsaved();
        }
    }

    private static ProblemException unsaved() {
        return new ProblemException(Problem.ofStatus(503,
                "The sandbox cannot save writes to its state directory; it takes none until it is restarted."));
    }
}
