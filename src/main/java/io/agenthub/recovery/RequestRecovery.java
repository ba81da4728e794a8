package io.agenthub.recovery;

import io.agenthub.api.HubRequest;
import io.agenthub.store.Decisions;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Takes up the requests that were admitted and never answered: those a crash interrupted, and those
 * waiting for a back-end to confirm an action. Each is re-run with the decisions it made the first time
 * and the same idempotency keys, so a back-end that already acted answers as it did then, and every
 * key ends with exactly one final answer.
 */
public final class RequestRecovery implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRecovery.class);

    /** The route whose consumers wait for the first pass, so a redelivered message finds its request settled. */
    static final String JMS_FRONT_DOOR = "front-door-jms";

    private final Decisions decisions;
    private final Duration firstPause;
    private final Duration longestPause;

    /**
     * @param firstPause   how long a request waiting for a back-end's confirmation waits before it is asked again
     *                     (the pass period); the pause doubles with each re-ask
     * @param longestPause the longest pause between two re-asks
     */
    public RequestRecovery(Decisions decisions, Duration firstPause, Duration longestPause) {
        this.decisions = decisions;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /** The unanswered requests no thread of this hub is working on, oldest first, that are due. */
    public List<String> due() {
        List<String> due = decisions.unanswered(firstPause, longestPause);
        if (!due.isEmpty()) {
            LOG.info("Recovery: {} request(s) admitted but not answered; taking them up again", due.size());
        }
        return due;
    }

    /** The request as stored, taken up again; null when it was answered meanwhile. */
    public HubRequest resume(@Body String requestId) {
        return decisions.resume(requestId).orElse(null);
    }

    /**
     * Starts the JMS front door once, after the first pass; later passes leave it as it is. A route started
     * while the context itself is still starting is stopped again by it, so a first pass that ends before
     * then leaves the opening to {@link #onCamelContextFullyStarted}.
     */
    public synchronized void openJmsFrontDoor(CamelContext context) throws Exception {
        firstPassDone = true;
        if (contextStarted && !opened) {
            opened = true;
            if (context.getRoute(JMS_FRONT_DOOR) != null
                    && context.getRouteController().getRouteStatus(JMS_FRONT_DOOR) == ServiceStatus.Stopped) {
                context.getRouteController().startRoute(JMS_FRONT_DOOR);
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the context is not yet fully started here
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        contextStarted = true;
        if (firstPassDone) {
            openJmsFrontDoor(context);
        }
    }

    private boolean contextStarted;
    private boolean firstPassDone;
    private boolean opened;
}
