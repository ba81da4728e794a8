package io.agenthub.jobs;

/** What a run did with one record; the run's counts are these, counted. */
public enum JobOutcome {
    /** The customer was contacted (an outreach was sent). */
    CONTACTED,
    /** Done without contacting anyone: a claim paid, a referral to people, a request for information. */
    PROCESSED,
    /** Done before in this cycle, or the rules say leave it for now (quiet hours, a contact limit). */
    SKIPPED,
    /** It failed; its request holds why and was dead-lettered for replay. */
    FAILED,
    /** Its action waits for people's approval. */
    PENDING_APPROVAL,
    /** A dry run's record: what would have been done was recorded, nothing was. */
    PROPOSED
}
