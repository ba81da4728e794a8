package io.agenthub.frontdoor;

import io.agenthub.access.BearerTokens;
import io.agenthub.access.Caller;
import io.agenthub.access.InternalTokens;
import io.agenthub.access.InvalidTokenException;
import io.agenthub.access.Role;
import io.agenthub.broker.BrokerUsers;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;

import java.util.Optional;

/**
 * Who sent a JMS request, from what the broker authenticated, never from the request's body: the user the embedded
 * broker stamped on the message when its sender logged in with a bearer token ({@link BrokerUsers}), and/or a bearer
 * token in the message's {@code Authorization} property, checked here. When both are there they must name the same
 * caller. The hub's own in-process identity names no caller: what it sends (the demo stream, replays) carries a token.
 * A message with neither is refused 401; a caller without the channel role, 403.
 */
public final class JmsCallers {

    /** The message property holding {@code Bearer <token>}, as HTTP's header. */
    public static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final BearerTokens tokens;
    private final InternalTokens internalTokens;
    private final boolean brokerStampsCallers;

    /**
     * @param brokerStampsCallers true for the embedded broker, which stamps each message with its sender's login; an
     *                            external broker's stamp (if it makes one) is not a caller the hub can trust
     */
    public JmsCallers(BearerTokens tokens, InternalTokens internalTokens, boolean brokerStampsCallers) {
        this.tokens = tokens;
        this.internalTokens = internalTokens;
        this.brokerStampsCallers = brokerStampsCallers;
    }

    public Caller authenticate(Exchange exchange) throws JMSException {
        Message message = exchange.getIn() instanceof JmsMessage jms ? jms.getJmsMessage() : null;
        if (message == null) {
            throw unauthenticated("The request did not arrive as a JMS message.");
        }
        String validatedUser = brokerStampsCallers ? message.getStringProperty(BrokerUsers.SENDER_PROPERTY) : null;
        boolean fromHub = BrokerUsers.INTERNAL_USER.equals(validatedUser);
        Optional<Caller> login = BrokerUsers.callerOf(validatedUser);
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
        return caller;
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
