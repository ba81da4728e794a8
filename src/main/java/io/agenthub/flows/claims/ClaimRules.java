package io.agenthub.flows.claims;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The insurer's claims rules integrators edit ({@code compliance/claims.yaml}): which loss types each product covers,
 * and when a notice is suspicious enough for people to look at before anything is paid.
 *
 * @param products           product (as the insurance back-end names it) to the loss types it covers
 * @param earlyLossDays      a loss this many days or fewer after the cover started is suspicious
 * @param nearLimitShare     a claim of at least this share of the sum insured is suspicious (0.9: 90 %)
 */
public record ClaimRules(Map<String, Set<String>> products, int earlyLossDays, BigDecimal nearLimitShare) {

    public ClaimRules {
        products = Map.copyOf(new TreeMap<>(products));
        if (earlyLossDays < 0) {
            throw new IllegalArgumentException("claims.yaml: suspicious.loss-within-days-of-start is 0 or more");
        }
        if (nearLimitShare == null || nearLimitShare.signum() <= 0 || nearLimitShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("claims.yaml: suspicious.claimed-share-of-sum-insured is above 0, at most 1");
        }
    }

    /** Whether the product covers the loss type; a product the file does not name covers nothing. */
    public boolean covers(String product, String lossType) {
        return products.getOrDefault(product, Set.of()).contains(lossType);
    }

    private record File(Map<String, List<String>> products, Suspicious suspicious) {
    }

    private record Suspicious(@JsonProperty("loss-within-days-of-start") Integer lossWithinDaysOfStart,
                              @JsonProperty("claimed-share-of-sum-insured") BigDecimal claimedShareOfSumInsured) {
    }

    /** Reads and checks {@code compliance/claims.yaml}; a mistake refuses it. */
    public static ClaimRules read(InputStream yaml) throws IOException {
        File file = JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build().readValue(yaml, File.class);
        if (file == null || file.products() == null || file.products().isEmpty() || file.suspicious() == null
                || file.suspicious().lossWithinDaysOfStart() == null || file.suspicious().claimedShareOfSumInsured() == null) {
            throw new IOException("claims.yaml: products and suspicious (loss-within-days-of-start,"
                    + " claimed-share-of-sum-insured) are required");
        }
        Map<String, Set<String>> products = new TreeMap<>();
        file.products().forEach((product, types) -> products.put(product, Set.copyOf(types)));
        return new ClaimRules(products, file.suspicious().lossWithinDaysOfStart(), file.suspicious().claimedShareOfSumInsured());
    }
}
