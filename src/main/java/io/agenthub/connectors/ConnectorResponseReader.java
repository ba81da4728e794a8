package io.agenthub.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Reads a back-end's HTTP answer into a {@link ConnectorResponse}: the last step of every connector's attempt route. */
public final class ConnectorResponseReader {

    private final ObjectMapper json;

    public ConnectorResponseReader(ObjectMapper json) {
        this.json = json;
    }

    public ConnectorResponse read(int status, String body) throws IOException {
        return new ConnectorResponse(status, body == null || body.isBlank() ? null : json.readTree(body));
    }
}
