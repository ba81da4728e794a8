package io.agenthub.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * The hub's own metrics (extraction answers by tier and validity, ...), published beside Camel's at
 * {@code /observe/metrics}: Camel's Prometheus registry ({@code metricsRegistry}) exists only once the context has
 * started, so the hub's beans count into this composite, which joins it then; nothing counted before is lost.
 */
final class HubMeters implements StartupListener {

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();

    MeterRegistry registry() {
        return meters;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // wait for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        MeterRegistry camel = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (camel != null) {
            meters.add(camel);
        }
    }
}
