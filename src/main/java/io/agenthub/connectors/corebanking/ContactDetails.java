package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * How a customer can be reached, as the core-banking API describes it ({@code connectors/core-banking.openapi.yaml});
 * {@code updatedAt} is when they were last changed through the API, null if never.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactDetails(String customerId, Address address, String email, String phone, Instant updatedAt) {

    /** A postal address; {@code line2} is optional, {@code country} an ISO 3166-1 alpha-2 code. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String line1, String line2, String city, String postcode, String country) {
    }
}
