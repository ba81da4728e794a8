package io.agenthub.collections;

/**
 * What the rules decide for one due account in one run.
 *
 * @param bucket   pre-due, a past-due bucket, or over-90
 * @param strategy the strategy that applied (its name), or the rule that held the account back
 * @param channel  for {@link Decision#CONTACT}: how to reach the customer
 * @param offer    payment-plan or fee-waiver, offered with the message; null for none
 * @param reason   why, in words for the job's log, the audit trail and the people it is referred to
 */
public record ContactPlan(Decision decision, String bucket, String strategy, Channel channel, String offer,
                          String reason) {

    public enum Decision {
        /** Send the bucket's message now. */
        CONTACT,
        /** A person takes the account up: a vulnerable customer, or a strategy that says so. */
        REFER,
        /** Not now (quiet hours): the next run of the cycle may contact. */
        DEFER,
        /** Not this run: a contact-frequency limit holds. */
        LEAVE;

        /** Whether the job admits the account as a record (and so is done with it for the cycle). */
        public boolean acts() {
            return this == CONTACT || this == REFER;
        }
    }

    /** The template of the message: the bucket's. */
    public String template() {
        return "collections-" + bucket;
    }
}
