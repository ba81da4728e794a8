package io.agenthub.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;

/**
 * Readiness: no circuit breaker of the hub's registry (connectors, model tiers) is open. An open one means a
 * back-end or a model failed so often that calls to it fail at once for a while; the check is DOWN with the open
 * breakers named, and every breaker's state in its details. A deployment that would rather keep sending traffic to
 * a hub whose back-end is down leaves this check out ({@code camel.health.exclude-pattern=circuit-breakers}).
 */
public final class CircuitBreakerHealthCheck extends AbstractHealthCheck {

    private final CircuitBreakerRegistry breakers;

    public CircuitBreakerHealthCheck(CircuitBreakerRegistry breakers) {
        super("agent-hub", "circuit-breakers");
        this.breakers = breakers;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
            builder.detail("breaker." + breaker.getName(), breaker.getState().name());
        }
        List<String> open = breakers.getAllCircuitBreakers().stream()
                .filter(b -> b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.FORCED_OPEN)
                .map(CircuitBreaker::getName)
                .sorted()
                .toList();
        if (open.isEmpty()) {
            builder.up();
        } else {
            builder.message("circuit breaker open: " + String.join(", ", open)).down();
        }
    }
}
