package io.agenthub.access;

import io.agenthub.api.HubRequest;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.store.RequestRecords;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what, checked in the routes: each /api/ route's first step names the roles its operation accepts
 * ({@code holding('reviewer,approver')}), and the routes that reach a request check that it is one of the caller's
 * tenants'. Another tenant's request is answered 404 like one that does not exist, never 403, which would confirm
 * that it does. Every refusal, and every read of a request's data, is put in the audit trail with the caller.
 */
public final class CallerAccess {

    private final RequestRecords records;
    private final AccessAudit audit;

    public CallerAccess(RequestRecords records, AccessAudit audit) {
        this.records = records;
        this.audit = audit;
    }

    /**
     * The authenticated caller with only the roles this operation accepts (comma-separated); 403 if it holds none
     * of them for any tenant.
     */
    public Caller holding(String roles, @Header(CallerPrincipal.HEADER) Object user, Exchange exchange) {
        Caller caller = CallerPrincipal.caller(user);
        if (caller == null) {
            // ApiAuthentication admits no call to /api/ without a valid token; a route outside /api/ asked for a role
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Send an OAuth 2.0 bearer token.");
        }
        return narrowed(roles, caller, exchange);
    }

    /** A caller authenticated another way (a JMS message's token) with only the roles this operation accepts; 403 if none. */
    public Caller narrowed(String roles, Caller caller, Exchange exchange) {
        Set<Role> accepted = Arrays.stream(roles.split(",")).map(Role::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        Caller allowed = caller.only(accepted);
        if (allowed.roles().isEmpty()) {
            refuse(caller, exchange, ProblemType.FORBIDDEN, "role not held", null);
            throw new ProblemException(ProblemType.FORBIDDEN, "This operation needs the role "
                    + accepted.stream().map(Role::claimValue).collect(Collectors.joining(" or ")) + "; the token holds "
                    + caller.roles().keySet().stream().map(Role::claimValue).sorted().collect(Collectors.joining(", ")) + ".");
        }
        return allowed;
    }

    /**
     * A request the caller may see, by its roles here: 404 if there is none, or it is another tenant's. The read is
     * recorded in the audit trail, since a request carries a customer's (pseudonymised) words and answer.
     */
    public void request(String requestId, Caller caller, Exchange exchange) {
        reach(requestId, caller, exchange, "No request with this id.");
    }

    /**
     * The review item of a request the caller may work on: 404 as for an item that does not exist when the request is
     * another tenant's (the same words, so the answer never tells that it exists). The read is recorded, as for
     * {@link #request}.
     */
    public void reviewOf(String requestId, Caller caller, Exchange exchange) {
        reach(requestId, caller, exchange, NO_REVIEW);
    }

    /** What an unknown review item and another tenant's are both answered. */
    public static final String NO_REVIEW = "No review item with this id.";

    private void reach(String requestId, Caller caller, Exchange exchange, String notFound) {
        String tenant = requestId == null ? null : records.subjectOf(requestId).map(s -> s.tenant()).orElse(null);
        if (tenant == null || !caller.allTenants().contains(tenant)) {
            if (tenant != null) {
                refuse(caller, exchange, ProblemType.NOT_FOUND, "another tenant's request", requestId);
            }
            throw new ProblemException(ProblemType.NOT_FOUND, notFound);
        }
        audit.read(new AccessAudit.Read(caller.id(), exchange.getFromRouteId(), tenant, requestId, null));
    }

    /**
     * The tenant an operation on a data subject is for: the one named ({@code ?tenant=}), which must be one of the
     * caller's (404 otherwise, as for a subject not held), or the caller's only tenant.
     */
    public String tenantFor(Caller caller, String named, Exchange exchange) {
        if (named == null || named.isBlank()) {
            if (caller.allTenants().size() != 1) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "Name the tenant: ?tenant=one of "
                        + String.join(", ", caller.allTenants()) + ".");
            }
            return caller.allTenants().iterator().next();
        }
        if (!caller.allTenants().contains(named)) {
            refuse(caller, exchange, ProblemType.NOT_FOUND, "another tenant's data subject", null);
            throw new ProblemException(ProblemType.NOT_FOUND, "No data is held for this subject.");
        }
        return named;
    }

    /** A request submitted by a channel must be for a tenant the caller is a channel of: 403 otherwise. */
    public void submits(Caller caller, HubRequest request, Exchange exchange) {
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "The request carries no credentials the hub accepts.");
        }
        if (!caller.holds(Role.CHANNEL, request.tenant())) {
            refuse(caller, exchange, ProblemType.FORBIDDEN, caller.holds(Role.CHANNEL)
                    ? "request for a tenant the caller is not a channel of" : "role not held", null);
            throw new ProblemException(ProblemType.FORBIDDEN, caller.holds(Role.CHANNEL)
                    ? "This caller submits requests for " + String.join(", ", caller.tenants(Role.CHANNEL))
                    + " only; the request names another tenant."
                    : "Submitting requests needs the role channel.");
        }
    }

    private void refuse(Caller caller, Exchange exchange, ProblemType type, String reason, String requestId) {
        audit.denied(new AccessAudit.Denial(caller.id(), exchange.getFromRouteId(), type.status(), reason, requestId));
    }
}
