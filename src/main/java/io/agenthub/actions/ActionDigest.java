package io.agenthub.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over what an action does (type, target, parameters, amount, currency), canonically: keys sorted, amounts
 * without trailing zeros. Approvals are bound to it, so an approval counts only for the arguments it saw; the reason
 * and evidence are not in it, since changing them changes nothing the back-end is asked to do.
 */
final class ActionDigest {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ActionDigest() {
    }

    static String of(ProposedAction action) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("type", action.type());
        canonical.put("target", action.target());
        canonical.put("parameters", canonicalValues(action.parameters()));
        canonical.put("amount", action.amount() == null ? null : action.amount().stripTrailingZeros().toPlainString());
        canonical.put("currency", action.currency());
        try {
            byte[] bytes = CANONICAL.writeValueAsString(new TreeMap<>(canonical)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest action " + action.type(), e);
        }
    }

    private static Map<String, Object> canonicalValues(Map<String, Object> parameters) {
        Map<String, Object> values = new TreeMap<>();
        parameters.forEach((name, value) -> values.put(name, value instanceof BigDecimal number
                ? number.stripTrailingZeros().toPlainString() : value instanceof Number n
                ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString() : value));
        return values;
    }
}
