package io.agenthub.flows;

import io.agenthub.api.HubRequest;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A route policy that runs a flow for one data subject at a time. A flow reads the subject's state at a
 * back-end, decides, and acts; two requests for one customer side by side would both see the card active
 * and both block it. Serialised, the second sees what the first did. Applied to a flow route in YAML with
 * {@code routePolicy: subjectSerialisation}.
 *
 * <p>One hub process; instances side by side rely on the back-end's idempotency keys and their own checks.
 */
public final class SubjectSerialisation extends RoutePolicySupport {

    private static final String HELD = "agentHub.subjectPermit";

    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final long waitMillis;

    public SubjectSerialisation(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        HubRequest request = exchange.getVariable("request", HubRequest.class);
        if (request == null || exchange.getProperty(HELD) != null) {
            return;  // not a request, or a flow called from a flow that already holds the subject
        }
        String subject = request.tenant() + '/' + request.subjectId();
        Semaphore permit = permits.computeIfAbsent(subject, s -> new Semaphore(1, true));
        try {
            if (!permit.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                // The route's steps do not run on an exchange that already failed: nothing was done for it.
                exchange.setException(new ProblemException(ProblemType.CUSTOMER_BUSY,
                        "Another request for this customer is still being handled; nothing was done for this one."
                                + " Send it again with a new idempotency key."));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
            return;
        }
        exchange.setProperty(HELD, route.getRouteId());
        exchange.setProperty(HELD + ".permit", permit);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (route.getRouteId().equals(exchange.getProperty(HELD))) {
            exchange.removeProperty(HELD);
            Semaphore permit = exchange.getProperty(HELD + ".permit", Semaphore.class);
            exchange.removeProperty(HELD + ".permit");
            permit.release();
        }
    }
}
