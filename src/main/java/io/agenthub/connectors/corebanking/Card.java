package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A payment card as the core-banking API describes it ({@code connectors/core-banking.openapi.yaml}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Card(String cardId, String customerId, String accountId, String last4, String brand, String type,
                   String status, String blockReason) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
