package io.agenthub.health;

import io.agenthub.actions.AutomationPauses;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;

/**
 * {@code automation}: what operators have paused (EU AI Act Art. 14). A pause is a decision, not a fault, so the check
 * stays UP; its message and details name each paused flow or action, its tenant, who paused it and why.
 */
public final class AutomationHealthCheck extends AbstractHealthCheck {

    private final AutomationPauses pauses;

    public AutomationHealthCheck(AutomationPauses pauses) {
        super("agent-hub", "automation");
        this.pauses = pauses;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<AutomationPauses.Pause> paused = pauses.all();
        for (AutomationPauses.Pause pause : paused) {
            builder.detail("paused." + pause.tenant() + "." + pause.scope() + "." + pause.name(),
                    "by " + pause.pausedBy() + " since " + pause.pausedAt() + ": " + pause.reason());
        }
        builder.message(paused.isEmpty() ? "nothing paused" : paused.size() + " paused: "
                + String.join("; ", paused.stream().map(p -> p.scope() + " " + p.name() + " for " + p.tenant()).toList()));
        builder.up();
    }
}
