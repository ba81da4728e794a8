package io.agenthub.app;

import org.apache.camel.support.service.ServiceSupport;

/** Lets Camel close a resource that is not a Camel service when the context stops, in reverse order of adding. */
final class ClosingService extends ServiceSupport {

    private final AutoCloseable resource;

    ClosingService(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }
}
