package io.agenthub.frontdoor;

import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import org.apache.camel.Variable;

/**
 * A request acts for one tenant: its caller must hold the channel role for that tenant, whatever the body says.
 * A request from tenant A's channel naming tenant B is refused before anything of it is stored or classified.
 */
public final class ChannelAccess {

    /**
     * Refuses a request whose caller may not act for its tenant. A request without a caller (the HTTP front door until
     * it authenticates callers too) is let through here; the JMS front door always sets one.
     */
    public void check(@Variable("caller") Caller caller, @Variable("request") HubRequest request) {
        if (caller != null && !caller.holds(Role.CHANNEL, request.tenant())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The caller is not a channel of the tenant the request names.");
        }
    }
}
