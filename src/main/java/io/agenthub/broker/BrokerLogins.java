package io.agenthub.broker;

import io.agenthub.access.BearerTokens;
import io.agenthub.access.Caller;
import io.agenthub.access.InvalidTokenException;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.Subject;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may log in to the embedded broker. A client outside the hub logs in with a bearer token as its password (the
 * user name is not checked): the token is validated as the HTTP front door validates one, and the roles it holds
 * become broker roles ({@code channel}, and {@code channel@<tenant>} for each tenant), which the security settings
 * ({@link BrokerPermissions}) grant addresses to. The hub itself logs in as {@link BrokerUsers#INTERNAL_USER} with a
 * password made afresh at every start and kept in memory only, over the in-VM connector only: the same name and
 * password arriving over the network are refused.
 * <p>
 * Artemis's own login cache is off ({@link EmbeddedBroker}): it is keyed by name and password alone, so the hub's
 * login made in-VM would let the same name and password in over the network. Artemis asks this class again at every
 * check instead (each send, each consumer), with the connection at hand; verified tokens are remembered a short while
 * ({@link RecentTokens}) so that a busy sender does not cost a signature check a message.
 */
public final class BrokerLogins implements ActiveMQSecurityManager5 {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLogins.class);

    private final BearerTokens tokens;
    private final String internalPassword;
    private final RecentTokens verifiedTokens;

    /**
     * @param tokens    checks the tokens clients log in with; null admits only the hub itself
     * @param recheck   how long a verified token is taken on trust before it is verified again (so an expired one is
     *                  refused within this time)
     */
    public BrokerLogins(BearerTokens tokens, Duration recheck) {
        this.tokens = tokens;
        this.verifiedTokens = new RecentTokens(recheck, Clock.systemUTC());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.internalPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The password of the hub's in-process identity, for its own connection factory. */
    public String internalPassword() {
        return internalPassword;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (BrokerUsers.INTERNAL_USER.equals(user)) {
            boolean inVm = connection != null && connection.getTransportConnection() instanceof InVMConnection;
            if (inVm && password != null && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    internalPassword.getBytes(StandardCharsets.UTF_8))) {
                return subject(BrokerUsers.INTERNAL_USER, Set.of(BrokerPermissions.HUB));
            }
            if (!inVm) {
                LOG.warn("A client at {} tried to log in to the broker as the hub's own identity; refused",
                        connection == null ? "?" : connection.getRemoteAddress());
            }
            return null;
        }
        if (tokens == null || password == null || password.isBlank()) {
            return null;
        }
        Caller caller = verifiedTokens.get(password);
        if (caller == null) {
            try {
                caller = tokens.verify(password);
            } catch (InvalidTokenException e) {
                // Artemis logs the refusal with the client's address; this says why, never quoting the token.
                LOG.info("Broker login from {} refused: {}", connection == null ? "?" : connection.getRemoteAddress(), e.getMessage());
                return null;
            }
            verifiedTokens.put(password, caller);
        }
        Set<String> roles = new LinkedHashSet<>();
        caller.roles().forEach((role, tenants) -> {
            roles.add(role.claimValue());
            tenants.forEach(tenant -> roles.add(role.claimValue() + "@" + tenant));
        });
        return subject(BrokerUsers.nameOf(caller), roles);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<String> held = new LinkedHashSet<>();
        subject.getPrincipals(RolePrincipal.class).forEach(p -> held.add(p.getName()));
        return roles.stream().anyMatch(role -> held.contains(role.getName()) && checkType.hasRole(role));
    }

    /** Not called: Artemis uses {@link #authenticate} and {@link #authorize} of an {@link ActiveMQSecurityManager5}. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private static Subject subject(String user, Set<String> roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        roles.forEach(role -> subject.getPrincipals().add(new RolePrincipal(role)));
        return subject;
    }
}
