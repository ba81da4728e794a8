package io.agenthub.app;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/** Starts the demo stream route once the whole hub is up, so the first sample request finds every consumer ready. */
final class DemoStreamStarter implements StartupListener {

    static final String ROUTE_ID = "demo-stream";

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // wait for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        context.getRouteController().startRoute(ROUTE_ID);
    }
}
