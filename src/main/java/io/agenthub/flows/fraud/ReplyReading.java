package io.agenthub.flows.fraud;

/**
 * How a customer's reply to "did you make this payment?" was read, and by which rule: the rule goes into the audit
 * trail and the alert's row so people can see why the hub acted, never the reply's words.
 */
public record ReplyReading(Verdict verdict, String rule) {

    public enum Verdict {
        /** "It was not me": the payment was not theirs, so the card is blocked. */
        CONFIRMED_FRAUD,
        /** "Yes, that was me": nothing to do. */
        NOT_FRAUD,
        /** Anything else: people read it. */
        UNCLEAR;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The alert's status once a reply read so has been taken. */
        public AlertStatus status() {
            return switch (this) {
                case CONFIRMED_FRAUD -> AlertStatus.CONFIRMED_FRAUD;
                case NOT_FRAUD -> AlertStatus.NOT_FRAUD;
                case UNCLEAR -> AlertStatus.ESCALATED;
            };
        }
    }
}
