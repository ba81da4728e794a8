package io.agenthub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.InternalTokens;
import org.apache.camel.Body;

import java.io.IOException;
import java.util.List;

/**
 * The demo stream's credentials: it sends each sample request as a channel of the tenant that request names, with a
 * token in the message's Authorization property, exactly as an ESB does, so the demo goes through the front door's
 * checks rather than around them.
 */
public final class DemoChannel {

    static final String SUBJECT = "demo-stream";

    private final InternalTokens tokens;
    private final ObjectMapper json;

    public DemoChannel(InternalTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    /** {@code Bearer <token>} for a channel of the sample request's tenant. */
    public String authorization(@Body String request) throws IOException {
        String tenant = json.readTree(request).path("tenant").asText("");
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("a demo request names no tenant");
        }
        return tokens.channelBearer(SUBJECT, List.of(tenant));
    }
}
