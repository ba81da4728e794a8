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
 * <p>A route policy takes no arguments, so this one reads the customer from the exchange variable {@value #REQUEST}
 * that the front door sets (and recovery, for a request it re-runs). A flow reached without it fails at once rather
 * than running unserialised: a renamed variable is an error, never a silent loss of the guarantee.
 *
 * <p>One hub process; instances side by side rely on the back-end's idempotency keys and their own checks.
 */
public final class SubjectSerialisation extends RoutePolicySupport {

    /** The exchange variable holding the {@link HubRequest}, set by the front door's route. */
    public static final String REQUEST = "request";
    private static final String HELD = "agentHub.subjectPermit";

    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final long waitMillis;

    public SubjectSerialisation(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (exchange.getProperty(HELD) != null) {
            return;  // a flow called from a flow that already holds the subject
        }
        HubRequest request = exchange.getVariable(REQUEST, HubRequest.class);
        if (request == null) {
            exchange.setException(new IllegalStateException("Route " + route.getRouteId() + " runs one request per customer"
                    + " (routePolicy: subjectSerialisation) but the exchange has no HubRequest in variable '" + REQUEST + "'"));
            return;
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
