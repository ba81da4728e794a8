package io.agenthub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.config.HubSettings;
import io.agenthub.tenants.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * What every area's beans are built from: the Camel context they are bound into, the hub's folders and settings, and
 * the few parts several areas share. Binding, starting and closing go through here, so every area hands its services
 * to Camel the same way, and Camel stops them in reverse order of adding.
 *
 * @param meters the hub's own meters, published beside Camel's ({@link HubMeters})
 */
record Wiring(CamelContext context, HubHome home, HubSettings settings, ObjectMapper json, Clock clock,
              TenantDirectory tenants, MeterRegistry meters) {

    /** Binds a bean under the name routes call it by: the lowerCamel simple name of its class (docs/routes.md). */
    void bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }

    /** Starts a service now, and has Camel stop it when the context stops. */
    <S extends Service> S start(S service) throws Exception {
        ServiceHelper.startService(service);
        context.addService(service, true, false);
        return service;
    }

    /** Closes a resource that is not a Camel service when the context stops. */
    void closeOnStop(AutoCloseable resource) throws Exception {
        context.addService(new ClosingService(resource), true, false);
    }

    /** A file of the hub's home ({@code compliance/tenants.yaml}, {@code models/...}), on disk or in the jar. */
    InputStream open(String relative) throws IOException {
        return ResourceHelper.resolveMandatoryResourceAsInputStream(context, home.location(relative));
    }

    /** The files of a capability's model version, under {@code models/<capability>/<version>/} (version "": the folder's own). */
    CapabilityRegistry.ModelLocator models() {
        return (capability, version) -> name -> open("models/" + capability + "/" + (version.isEmpty() ? "" : version + "/") + name);
    }

    /** {@code run --reload}: route files, and the other files integrators change while the hub runs, are reloaded. */
    boolean reloading() {
        return !home.bundled() && settings.bool("camel.main.routesReloadEnabled", false);
    }
}
