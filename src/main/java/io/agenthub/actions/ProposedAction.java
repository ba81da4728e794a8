package io.agenthub.actions;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An action a flow proposes to take on a back-end, for the gate ({@code to: action:<type>}) to decide on by the action
 * policy (compliance/actions.yaml). Texts in it are pseudonymised, as everything the hub stores: a connector puts the
 * values it may receive back on the wire.
 *
 * @param type       the action's type, as the policy names it ({@code raise-chargeback})
 * @param target     what it acts on ({@code transaction:TX-1}, {@code customer:C-1})
 * @param parameters what it needs to run; people may edit those the policy lists as editable
 * @param amount     money it moves, if any (positive), with {@code currency}
 * @param risk       how much could go wrong, as the flow judges it; rules may depend on it
 * @param reason     why the flow proposes it, for the people who decide
 * @param evidence   what the models and rules found that led to it (labels, confidences, the matched records)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposedAction(String type, String target, Map<String, Object> parameters, BigDecimal amount,
                             String currency, Risk risk, String reason, Map<String, Object> evidence) {

    public ProposedAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        risk = risk == null ? Risk.MEDIUM : risk;
        if (amount != null && amount.signum() < 0) {
            throw new IllegalArgumentException("an action's amount is positive; its direction is the action's type");
        }
    }

    /** The same action with the parameters people edited (and the amount, when they edited {@code amount}). */
    public ProposedAction edited(Map<String, Object> changed) {
        Map<String, Object> merged = new LinkedHashMap<>(parameters);
        merged.putAll(changed);
        BigDecimal newAmount = amount;
        if (changed.containsKey("amount")) {
            newAmount = new BigDecimal(String.valueOf(changed.get("amount")));
        }
        return new ProposedAction(type, target, merged, newAmount, currency, risk, reason, evidence);
    }

    /** A parameter as text, for a route building the back-end call ({@code ${body.action().text('cardId')}}). */
    public String text(String name) {
        Object value = parameters.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** The id after the target's kind: {@code TX-1} of {@code transaction:TX-1}. */
    public String targetId() {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(colon + 1);
    }

    /** How much could go wrong; the policy's rules may ask for more people as it rises. */
    public enum Risk {
        LOW, MEDIUM, HIGH;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Risk of(String name) {
            for (Risk risk : values()) {
                if (risk.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return risk;
                }
            }
            throw new IllegalArgumentException("risk is one of low, medium, high, not '" + name + "'");
        }
    }
}
