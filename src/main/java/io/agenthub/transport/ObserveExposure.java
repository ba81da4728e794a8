package io.agenthub.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.HttpProblemPages;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.List;

/**
 * What {@code /observe} shows a caller who has proved nothing. Load balancers and monitors need health and
 * metrics; nobody outside needs the host's details, so:
 * <ul>
 *   <li>{@code /observe/info} is the hub's own: its name and version only. Camel's (turned off by
 *       {@code camel.management.infoEnabled=false}) shows the OS user, home and working directories, the process
 *       id and the JVM.</li>
 *   <li>{@code /observe/health} answers status and checks as before, but refuses {@code stackTrace} and
 *       {@code data}, with which Camel would print a failing check's stack trace and details: class names,
 *       host names and paths of the hub's insides.</li>
 * </ul>
 * Camel's other management pages (Jolokia, developer console, send, upload, download) are off in
 * application.properties and must stay off.
 */
public final class ObserveExposure implements StartupListener {

    /** The health parameters that would show a failing check's insides. */
    static final List<String> REFUSED_HEALTH_PARAMETERS = List.of("stackTrace", "data");

    private final ObjectMapper json;
    private final HubInfo info;

    /** The hub as {@code /observe/info} shows it. */
    public record HubInfo(String name, String version) {
    }

    public ObserveExposure(ObjectMapper json, HubInfo info) {
        this.json = json;
        this.info = info;
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws JsonProcessingException {
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        VertxPlatformHttpRouter router = management == null ? null : management.getRouter();
        if (router == null) {
            return;
        }
        String body = json.writeValueAsString(info);
        router.route(management.getInfoPath()).method(HttpMethod.GET).order(Integer.MIN_VALUE)
                .handler(rc -> rc.response().putHeader("Content-Type", "application/json").end(body));
        router.route(management.getHealthPath() + "*").order(Integer.MIN_VALUE).handler(this::refuseInsides);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the management server's router exists once the context has fully started
    }

    private void refuseInsides(RoutingContext rc) {
        // the same map (and the same case rules) Camel's health handler reads its parameters from
        MultiMap parameters = rc.request().params();
        for (String refused : REFUSED_HEALTH_PARAMETERS) {
            if (parameters.contains(refused)) {
                HttpProblemPages.send(rc, Problem.of(ProblemType.INVALID_REQUEST, "The health endpoint offers status and checks"
                        + " only (exposureLevel=oneline|default|full); " + String.join(" and ", REFUSED_HEALTH_PARAMETERS)
                        + " are not offered."), json);
                return;
            }
        }
        rc.next();
    }
}
