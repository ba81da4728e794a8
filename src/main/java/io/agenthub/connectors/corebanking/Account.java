package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A customer's account as the core-banking API describes it ({@code connectors/core-banking.openapi.yaml}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(String accountId, String customerId, String iban, String currency, String type, String status) {
}
