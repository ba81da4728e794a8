package io.agenthub.health;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness: a fresh connection to the broker (embedded or external) opens, so JMS requests, review
 * items and dead letters have somewhere to go. A fresh one, not the shared cached connection, so a
 * broker that went away is noticed at the next probe.
 */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final ConnectionFactory connections;

    public BrokerHealthCheck(ConnectionFactory connections) {
        super("agent-hub", "broker");
        this.connections = connections;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            builder.up();
        } catch (Exception e) {
            builder.message("broker does not accept connections: " + e.getMessage()).down();
        }
    }
}
