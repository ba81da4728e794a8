package io.agenthub.connectors;

/**
 * A call on its way to a back-end, as the connector's route holds it from the first step to the answer: which
 * back-end, for which request, the call as the flow built it (tokens, never the values put back for the wire),
 * and when it started.
 */
public record CallInFlight(String connector, String requestId, ConnectorCall call, long startedNanos) {

    long millisSoFar() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
