package io.agenthub.app;

import io.agenthub.health.CircuitBreakerHealthCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The hub's one registry of Resilience4j circuit breakers, {@code circuitBreakerRegistry}: the connectors'
 * {@code circuitBreaker} steps (camel-resilience4j takes the one registry bound) and the LLM tiers alike. Their states
 * are in {@code /observe/health} ({@link CircuitBreakerHealthCheck}) and, as {@code resilience4j_circuitbreaker_*}
 * gauges, in {@code /observe/metrics}.
 */
final class BreakerBeans {

    private BreakerBeans() {
    }

    static CircuitBreakerRegistry bind(Wiring hub) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        hub.bind("circuitBreakerRegistry", breakers);
        HealthCheckRegistry.get(hub.context()).register(new CircuitBreakerHealthCheck(breakers));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(hub.meters());
        return breakers;
    }
}
