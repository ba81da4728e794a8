package io.agenthub.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Carries a {@link Caller} from the HTTP server, where the token is checked, into the routes: as the Vert.x
 * {@link User} that Camel's platform-http hands on in the {@code CamelVertxPlatformHttpAuthenticatedUser} header.
 * A caller cannot forge it: a header of that name sent over HTTP is a string, never a {@code User}.
 */
public final class CallerPrincipal {

    /** The exchange header platform-http fills with the routing context's user. */
    public static final String HEADER = "CamelVertxPlatformHttpAuthenticatedUser";

    private CallerPrincipal() {
    }

    static User user(Caller caller) {
        JsonObject roles = new JsonObject();
        caller.roles().forEach((role, tenants) -> roles.put(role.claimValue(), new JsonArray(tenants.stream().sorted().toList())));
        return User.create(new JsonObject().put("iss", caller.issuer()).put("sub", caller.subject()).put("roles", roles));
    }

    /** The caller the server authenticated, or null if the exchange holds none. */
    static Caller caller(Object user) {
        if (!(user instanceof User authenticated)) {
            return null;
        }
        JsonObject principal = authenticated.principal();
        Map<Role, Set<String>> roles = new EnumMap<>(Role.class);
        JsonObject held = principal.getJsonObject("roles", new JsonObject());
        for (String role : held.fieldNames()) {
            Set<String> tenants = new HashSet<>();
            held.getJsonArray(role).forEach(tenant -> tenants.add((String) tenant));
            roles.put(Role.of(role), tenants);
        }
        return new Caller(principal.getString("iss"), principal.getString("sub"), roles);
    }
}
