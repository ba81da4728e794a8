package io.agenthub.store;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;
import javax.sql.DataSource;

/**
 * The durable record of every request and each step taken for it, by role: admission and answers
 * ({@link RequestLedger}), the step outbox the audit trail is built from ({@link StepOutbox}), decisions made once
 * and the requests re-run to recall them ({@link Decisions}), reads ({@link RequestRecords}) and erasure of texts
 * ({@link TextErasure}). The parts share one database, so an answer and its steps commit in one transaction.
 */
public record Ledger(RequestLedger requests, StepOutbox steps, Decisions decisions, RequestRecords records,
                     TextErasure erasure, Publications publications) {

    /** @param referrals queues the review item of a referred request, in the transaction that stores its answer */
    public static Ledger open(DataSource dataSource, ObjectMapper json, Clock clock, Referrals referrals) {
        LedgerTables tables = new LedgerTables(dataSource, json, clock);
        StepOutbox steps = new StepOutbox(tables);
        Decisions decisions = new Decisions(tables, steps);
        Publications publications = new Publications(dataSource, json, clock);
        return new Ledger(new RequestLedger(tables, steps, decisions, referrals, publications), steps, decisions,
                new RequestRecords(tables), new TextErasure(tables), publications);
    }

    public static Ledger open(DataSource dataSource, ObjectMapper json, Clock clock) {
        return open(dataSource, json, clock, Referrals.NONE);
    }
}
