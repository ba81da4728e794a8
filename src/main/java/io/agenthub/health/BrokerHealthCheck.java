package io.agenthub.health;

import io.agenthub.broker.EmbeddedBroker;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** Readiness: the embedded broker is active, so JMS requests and dead letters have somewhere to go. */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final EmbeddedBroker broker;

    public BrokerHealthCheck(EmbeddedBroker broker) {
        super("agent-hub", "broker");
        this.broker = broker;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (broker.isActive()) {
            builder.up();
        } else {
            builder.message("embedded broker is not active").down();
        }
    }
}
