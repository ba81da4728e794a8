package io.agenthub.frontdoor;

import io.agenthub.access.AccessAudit;
import io.agenthub.access.BearerTokens;
import io.agenthub.access.Caller;
import io.agenthub.access.InternalTokens;
import io.agenthub.access.InvalidTokenException;
import io.agenthub.access.Role;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.broker.BrokerPermissions;
import io.agenthub.broker.BrokerUsers;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.jms.JmsMessage;

import java.util.Optional;

/**
 * Who sent a JMS request, from what the broker authenticated, never from the request's body: the user the embedded
 * broker stamped on the message when its sender logged in with a bearer token ({@link BrokerUsers}), and/or a bearer
 * token in the message's {@code Authorization} property, checked here. When both are there they must name the same
 * caller. The hub's own in-process identity names no caller: what it sends (the demo stream, replays) carries a token.
 * A message with neither is refused 401; a caller without the channel role, 403; so is a message asking for its answer
 * on a queue that is not its sender's (on the embedded broker, where the hub knows the reply queues).
 */
public final class JmsCallers {

    /** The message property holding {@code Bearer <token>}, as HTTP's header. */
    public static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final BearerTokens tokens;
    private final AccessAudit audit;
    private final InternalTokens internalTokens;
    private final boolean brokerStampsCallers;

    /**
     * @param brokerStampsCallers true for the embedded broker, which stamps each message with its sender's login; an
     *                            external broker's stamp (if it makes one) is not a caller the hub can trust
     */
    public JmsCallers(BearerTokens tokens, InternalTokens internalTokens, boolean brokerStampsCallers, AccessAudit audit) {
        this.tokens = tokens;
        this.audit = audit;
        this.internalTokens = internalTokens;
        this.brokerStampsCallers = brokerStampsCallers;
    }

    /**
     * Sets the exchange variable {@code caller} to who sent the message, or refuses it. Runs as a bean step (not an
     * expression, which Camel evaluates on a copy of the exchange): a refused reply-to turns the exchange in-only.
     */
    public void authenticate(Exchange exchange) throws JMSException {
        try {
            identify(exchange);
        } catch (ProblemException refused) {
            // Who was refused, as far as the broker's stamp tells (anonymous without one), and why: in the audit trail.
            audit.denied(new AccessAudit.Denial(refusedCaller(exchange), exchange.getFromRouteId(),
                    refused.problem().status(), refused.problem().detail(), null));
            throw refused;
        }
    }

    private String refusedCaller(Exchange exchange) {
        try {
            Message message = exchange.getIn() instanceof JmsMessage jms ? jms.getJmsMessage() : null;
            String stamp = brokerStampsCallers && message != null ? message.getStringProperty(BrokerUsers.SENDER_PROPERTY) : null;
            return BrokerUsers.callerOf(stamp).map(Caller::id).orElse(AccessAudit.ANONYMOUS);
        } catch (JMSException e) {
            return AccessAudit.ANONYMOUS;
        }
    }

    private void identify(Exchange exchange) throws JMSException {
        Message message = exchange.getIn() instanceof JmsMessage jms ? jms.getJmsMessage() : null;
        if (message == null) {
            throw unauthenticated("The request did not arrive as a JMS message.");
        }
        String stamp = brokerStampsCallers ? message.getStringProperty(BrokerUsers.SENDER_PROPERTY) : null;
        boolean fromHub = BrokerUsers.INTERNAL_USER.equals(stamp);
        Optional<Caller> login = BrokerUsers.callerOf(stamp);
        if (login.isPresent()) {
            checkReplyTo(exchange, message, login.get());
        }
        String authorization = message.getStringProperty(AUTHORIZATION);
        Caller caller;
        if (authorization != null) {
            Caller bearer = bearer(authorization, fromHub);
            if (login.isPresent() && !sameCaller(login.get(), bearer)) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "The token in the Authorization property names another caller than the broker login that sent it.");
            }
            caller = bearer;
        } else {
            caller = login.orElseThrow(() -> unauthenticated("A JMS request needs a caller: log in to the broker with a bearer"
                    + " token as the password, or put 'Bearer <token>' in the message's Authorization property."));
        }
        if (!caller.holds(Role.CHANNEL)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a caller holding the channel role sends requests.");
        }
        checkReplyTo(exchange, message, caller);
        exchange.setVariable("caller", caller);
    }

    /**
     * Sets the exchange variable {@code caller} to the person a message speaks for: the bearer token in its
     * {@code Authorization} property (a decision on an approval is a person's, whoever's system carries it to the
     * broker). 401 without one; the route checks the roles.
     */
    public void authenticatePerson(Exchange exchange) throws JMSException {
        Message message = exchange.getIn() instanceof JmsMessage jms ? jms.getJmsMessage() : null;
        String authorization = message == null ? null : message.getStringProperty(AUTHORIZATION);
        try {
            if (authorization == null) {
                throw unauthenticated("Put the deciding person's 'Bearer <token>' in the message's Authorization property.");
            }
            exchange.setVariable("caller", bearer(authorization, false));
        } catch (ProblemException refused) {
            audit.denied(new AccessAudit.Denial(refusedCaller(exchange), exchange.getFromRouteId(),
                    refused.problem().status(), refused.problem().detail(), null));
            throw refused;
        }
    }

    private void checkReplyTo(Exchange exchange, Message message, Caller caller) throws JMSException {
        if (brokerStampsCallers && !mayBeAnsweredAt(message.getJMSReplyTo(), caller)) {
            // Nothing goes to that queue, not even the refusal: the message is dead-lettered with its reason instead.
            exchange.setPattern(ExchangePattern.InOnly);
            exchange.setVariable(FailureHandler.REPLY_REFUSED, true);
            throw new ProblemException(ProblemType.FORBIDDEN, "JMSReplyTo must be a temporary queue or a durable reply queue of"
                    + " the caller's own tenant (" + BrokerPermissions.REPLY_PREFIX + "<tenant>.<name>).");
        }
    }

    /**
     * Whether the answer may go where the message asks: its sender's temporary queue, or a durable reply queue of a
     * tenant the caller is a channel of. The broker lets the hub send to every tenant's reply queues, so without this a
     * channel of one tenant could have its answers put on another tenant's queue.
     */
    private static boolean mayBeAnsweredAt(Destination replyTo, Caller caller) throws JMSException {
        if (replyTo == null || replyTo instanceof TemporaryQueue) {
            return true;
        }
        if (!(replyTo instanceof Queue queue) || !queue.getQueueName().startsWith(BrokerPermissions.REPLY_PREFIX)) {
            return false;
        }
        String rest = queue.getQueueName().substring(BrokerPermissions.REPLY_PREFIX.length());
        int dot = rest.indexOf('.');
        return dot > 0 && caller.holds(Role.CHANNEL, rest.substring(0, dot));
    }

    private Caller bearer(String authorization, boolean fromHub) {
        if (!authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
            throw unauthenticated("The Authorization property must be 'Bearer ' followed by a token.");
        }
        String token = authorization.substring(BEARER.length());
        try {
            return tokens.verify(token);
        } catch (InvalidTokenException refused) {
            if (fromHub) {
                try {
                    return internalTokens.verify(token);
                } catch (InvalidTokenException alsoRefused) {
                    // answered with the configured issuer's reason below
                }
            }
            throw unauthenticated("The token in the Authorization property is not accepted: " + refused.getMessage() + ".");
        }
    }

    private static boolean sameCaller(Caller a, Caller b) {
        return a.issuer().equals(b.issuer()) && a.subject().equals(b.subject());
    }

    private static ProblemException unauthenticated(String detail) {
        return new ProblemException(ProblemType.UNAUTHENTICATED, detail);
    }
}
