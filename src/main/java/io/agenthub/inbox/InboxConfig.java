package io.agenthub.inbox;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the inbox page needs to know before anyone signs in, served as {@code /inbox/config.json}: how people sign in,
 * and where in a token the page finds the roles and tenants it shows. Nothing here is secret; the page only displays
 * what it reads from a token, and the hub checks every call.
 *
 * @param signIn       {@code token} (a pasted token, the embedded issuer's by default) or {@code oidc} (the
 *                     Authorization Code flow with PKCE against {@code issuer})
 * @param issuer       the OIDC provider's issuer URL (hub.auth.issuer-url), or null
 * @param clientId     the inbox's public client id at that provider (hub.inbox.client-id), or null
 * @param scope        the scopes the page asks the provider for (hub.inbox.scope)
 * @param rolesClaim   where a token carries its roles (hub.auth.roles-claim, a dotted path)
 * @param tenantsClaim where it carries its tenants (hub.auth.tenants-claim)
 * @param roleNames    the claim value that stands for each hub role (hub.auth.role.*), by role
 * @param revealRoles  the roles that may reveal an original value (hub.inbox.reveal-roles): the page offers the
 *                     button to them only, the hub decides
 * @param pageSize     how many items the page asks for at a time (hub.inbox.page-size); the next come by the lists'
 *                     Link rel="next"
 */
public record InboxConfig(String signIn, String issuer, String clientId, String scope, String rolesClaim,
                          String tenantsClaim, Map<String, String> roleNames, List<String> revealRoles, int pageSize) {

    public static final String SIGN_IN_TOKEN = "token";
    public static final String SIGN_IN_OIDC = "oidc";

    /**
     * The sign-in a hub with these settings offers: the provider's when it has an issuer URL and the inbox a client id
     * there, a pasted token otherwise (a provider with only a JWKS URL has no discovery document to sign in against).
     */
    public static InboxConfig of(URI issuerUrl, String clientId, String scope, String rolesClaim, String tenantsClaim,
                                 Map<String, String> roleNames, List<String> revealRoles, int pageSize) {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("hub.inbox.page-size must be from 1 to 500 (the lists' largest page), got " + pageSize);
        }
        boolean oidc = issuerUrl != null && clientId != null && !clientId.isBlank();
        return new InboxConfig(oidc ? SIGN_IN_OIDC : SIGN_IN_TOKEN, issuerUrl == null ? null : issuerUrl.toString(),
                oidc ? clientId.strip() : null, scope, rolesClaim, tenantsClaim, Map.copyOf(roleNames), List.copyOf(revealRoles),
                pageSize);
    }

    /**
     * The origin the page must be allowed to call besides the hub's own (the Content-Security-Policy's
     * {@code connect-src}): the provider's, for its discovery document and token endpoint. Null without a provider.
     */
    public String providerOrigin() {
        if (!SIGN_IN_OIDC.equals(signIn)) {
            return null;
        }
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
