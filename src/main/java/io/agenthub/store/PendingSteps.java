package io.agenthub.store;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of requests in flight in this process, held in memory until they are written in the
 * transaction that next makes the request durable: before an action on a back-end, or with the answer.
 * A crash loses only steps of a request that had not acted yet and was not answered, which is re-run on
 * start; it saves a database commit per step, and each commit waits for the disk.
 */
final class PendingSteps {

    record Step(String step, Timestamp recordedAt, String detailJson) {
    }

    /** What {@code classified} learned, written to the request's row with its answer. */
    record Classification(String intent, double confidence, String flow) {
    }

    private static final class Request {
        final List<Step> steps = new ArrayList<>();
        final List<Runnable> writes = new ArrayList<>();
        Classification classification;
    }

    private final Map<String, Request> requests = new ConcurrentHashMap<>();

    void add(String requestId, Step step) {
        Request request = requests.computeIfAbsent(requestId, id -> new Request());
        synchronized (request) {
            request.steps.add(step);
        }
    }

    void classified(String requestId, Classification classification) {
        Request request = requests.computeIfAbsent(requestId, id -> new Request());
        synchronized (request) {
            request.classification = classification;
        }
    }

    /** Takes the steps recorded so far, leaving the request in flight. */
    List<Step> drainSteps(String requestId) {
        Request request = requests.get(requestId);
        if (request == null) {
            return List.of();
        }
        synchronized (request) {
            List<Step> steps = List.copyOf(request.steps);
            request.steps.clear();
            return steps;
        }
    }

    void addWrite(String requestId, Runnable write) {
        Request request = requests.computeIfAbsent(requestId, id -> new Request());
        synchronized (request) {
            request.writes.add(write);
        }
    }

    /** Takes the writes held for the next transaction, leaving the request in flight. */
    List<Runnable> drainWrites(String requestId) {
        Request request = requests.get(requestId);
        if (request == null) {
            return List.of();
        }
        synchronized (request) {
            List<Runnable> writes = List.copyOf(request.writes);
            request.writes.clear();
            return writes;
        }
    }

    Classification classification(String requestId) {
        Request request = requests.get(requestId);
        if (request == null) {
            return null;
        }
        synchronized (request) {
            return request.classification;
        }
    }

    /** The request is answered (or handed over to recovery): forget it. */
    void finish(String requestId) {
        requests.remove(requestId);
    }

    boolean inFlight(String requestId) {
        return requests.containsKey(requestId);
    }

    void begin(String requestId) {
        requests.computeIfAbsent(requestId, id -> new Request());
    }
}
