package io.agenthub.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.BackendException;
import io.agenthub.secrets.SecretFileFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.nio.file.Path;

/**
 * Turns a {@link ConnectorCall} into the HTTP request headers and JSON body the http component sends: a step of
 * every connector's attempt route (connectors/*.camel.yaml).
 */
public final class ConnectorRequestWriter {

    private final ObjectMapper json;

    public ConnectorRequestWriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param authTokenEnv  the environment variable holding the back-end's bearer token; empty for none
     * @param authTokenFile an owner-only file holding it (a mounted secret); empty for none. Both are references,
     *                      read at each call, so a rotated token is used without a restart and never sits in a route.
     */
    public void write(Exchange exchange, String requestId, String authTokenEnv, String authTokenFile) throws Exception {
        Message message = exchange.getMessage();
        ConnectorCall call = message.getMandatoryBody(ConnectorCall.class);
        // Only what this call needs crosses to the back-end: no header from the caller leaks through.
        message.removeHeaders("*");
        String path = call.path();
        int query = path.indexOf('?');
        message.setHeader(Exchange.HTTP_METHOD, call.method());
        message.setHeader(Exchange.HTTP_PATH, query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            message.setHeader(Exchange.HTTP_QUERY, path.substring(query + 1));
        }
        message.setHeader("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            message.setHeader("Idempotency-Key", call.idempotencyKey());
        }
        if (requestId != null) {
            message.setHeader("X-Request-Id", requestId);
        }
        String token = token(authTokenEnv, authTokenFile);
        if (token != null) {
            message.setHeader("Authorization", "Bearer " + token);
        }
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(json.writeValueAsString(call.body()));
        } else {
            message.setBody(null);
        }
    }

    private static String token(String env, String file) {
        if (env != null && !env.isBlank()) {
            String token = System.getenv(env.strip());
            if (token == null || token.isBlank()) {
                throw new BackendException("connector: environment variable " + env.strip() + " is not set");
            }
            return token;
        }
        if (file != null && !file.isBlank()) {
            try {
                return SecretFileFunction.read(Path.of(file.strip()));
            } catch (IllegalArgumentException e) {
                // The message names the file and what is wrong with it, never its content.
                throw new BackendException("connector: " + e.getMessage());
            }
        }
        return null;
    }
}
