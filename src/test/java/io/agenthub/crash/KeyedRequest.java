package io.agenthub.crash;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One keyed "I lost my card" request of the crash test, for one seeded customer, over HTTP or JMS. */
record KeyedRequest(String key, String customerId, Channel channel) {

    enum Channel { HTTP, JMS }

    static final String TEXT = "I lost my card";

    String body(ObjectMapper json) {
        return json.createObjectNode().put("tenant", "demo-bank").put("channel", "app").put("subjectId", customerId)
                .put("text", TEXT).put("idempotencyKey", key).toString();
    }
}
