package io.agenthub.connectors;

import com.fasterxml.jackson.databind.JsonNode;

/** A back-end's answer: any status below 500 (the caller decides what a 404 or 409 means) and its JSON body. */
public record ConnectorResponse(int status, JsonNode body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
