package io.agenthub.connectors;

import io.agenthub.api.BackendException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Turns a {@link ConnectorCall} into the HTTP request headers and JSON body the http component sends. */
final class ConnectorRequestWriter implements Processor {

    private final ConnectorSettings settings;
    private final ObjectMapper json;

    ConnectorRequestWriter(ConnectorSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ConnectorCall call = message.getMandatoryBody(ConnectorCall.class);
        exchange.setVariable(HttpConnectorRoutes.CALL_VARIABLE, call);
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
        String requestId = exchange.getVariable("requestId", String.class);
        if (requestId != null) {
            message.setHeader("X-Request-Id", requestId);
        }
        if (settings.authTokenEnv() != null) {
            String token = System.getenv(settings.authTokenEnv());
            if (token == null || token.isBlank()) {
                throw new BackendException("connector " + settings.name() + ": environment variable "
                        + settings.authTokenEnv() + " is not set");
            }
            message.setHeader("Authorization", "Bearer " + token);
        }
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(json.writeValueAsString(call.body()));
        } else {
            message.setBody(null);
        }
    }
}
