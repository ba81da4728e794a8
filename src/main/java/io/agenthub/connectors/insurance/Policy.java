package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An insurance policy as the insurance API describes it ({@code connectors/insurance.openapi.yaml}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Policy(String policyNumber, String customerId, String product, String status, LocalDate startDate,
                     LocalDate endDate, BigDecimal sumInsured, String currency, BigDecimal deductible) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** Whether the policy's period (both days inclusive) holds the day. */
    public boolean covers(LocalDate day) {
        return day != null && !day.isBefore(startDate) && !day.isAfter(endDate);
    }
}
