package io.agenthub.frontdoor;

import io.agenthub.access.Caller;
import io.agenthub.api.HubRequest;
import io.agenthub.api.ProblemException;
import io.agenthub.limits.RequestLimiter;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's step that applies the {@link RequestLimiter}, right after the request is parsed: a refused
 * request has cost a JSON parse and no more (nothing redacted, stored or classified), and as nothing was
 * admitted, the caller may send it again with the same idempotency key. An admitted request holds its places
 * in flight until its exchange is done, answered or failed.
 *
 * <p>A caller is known by {@code caller.id()} once it authenticated; without one (null), by the request's channel, so
 * each channel of a tenant has its caller limits.
 */
public final class FrontDoorLimits {

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoorLimits.class);

    private final RequestLimiter limiter;

    public FrontDoorLimits(RequestLimiter limiter) {
        this.limiter = limiter;
    }

    public void admit(Exchange exchange, HubRequest request, Caller caller) {
        String callerKey = caller != null ? "caller:" + caller.id() : "channel:" + request.channel();
        RequestLimiter.Decision decision = limiter.tryAdmit(request.tenant(), callerKey);
        if (decision instanceof RequestLimiter.Admitted admitted) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    admitted.release().run();
                }
            });
            return;
        }
        RequestLimiter.Refused refused = (RequestLimiter.Refused) decision;
        limiter.count(refused);
        if (!FailureHandler.canReply(exchange)) {
            // No one waits for this answer (a JMS message without JMSReplyTo, a dead letter's replay): a refusal would
            // be dead-lettered before the request was pseudonymised, so without it. Rolled back, the message stays on
            // the queue and the broker delivers it again after its redelivery delay (to its DLQ, whole, if it never fits).
            LOG.debug("Over the {} {} limit of tenant {}: JMS message {} rolled back for redelivery", refused.scope(),
                    refused.kind(), request.tenant(), exchange.getMessage().getHeader("JMSMessageID"));
            exchange.setRollbackOnly(true);
            return;
        }
        throw new ProblemException(refused.problem());
    }
}
