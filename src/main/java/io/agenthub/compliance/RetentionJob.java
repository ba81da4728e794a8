package io.agenthub.compliance;

import io.agenthub.api.PiiType;
import io.agenthub.store.Ledger;
import io.agenthub.vault.SubjectVault;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Removes personal data past its retention period ({@code compliance/retention.yaml}): vault values per
 * type, then the stored request texts and the golden examples' copies of them. A run that removed anything is an audit event, in the same
 * transaction. The audit trail itself is never touched.
 */
public final class RetentionJob {

    private final RetentionPolicy policy;
    private final SubjectVault vault;
    private final Ledger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    public RetentionJob(DataSource dataSource, RetentionPolicy policy, SubjectVault vault, Ledger ledger, Clock clock) {
        this.policy = policy;
        this.vault = vault;
        this.ledger = ledger;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * One pass; returns what it removed: values per type, {@code requestTexts}, {@code exampleTexts} and {@code fraudAlertDetails}, zero counts
     * left out.
     */
    public Map<String, Integer> run() {
        return tx.execute(status -> {
            Map<String, Integer> removed = new LinkedHashMap<>();
            // The kinds of custom recognisers (compliance/pii.yaml) too, even one since removed from the file.
            Set<PiiType> types = new TreeSet<>(policy.byType().keySet());
            types.addAll(vault.typesHeld());
            for (PiiType type : types) {
                int values = vault.expireValuesBefore(cutOff(policy.periodOf(type)), type);
                if (values > 0) {
                    removed.put(type.name(), values);
                }
            }
            Instant textsCutOff = cutOff(policy.requestTexts());
            int texts = ledger.erasure().eraseTextsReceivedBefore(textsCutOff);
            if (texts > 0) {
                removed.put("requestTexts", texts);
            }
            // People's decisions kept as lessons hold copies of those texts; they go with them.
            int examples = ledger.erasure().eraseExampleTextsReceivedBefore(textsCutOff);
            if (examples > 0) {
                removed.put("exampleTexts", examples);
            }
            // So does what a fraud alert says of the payment (its merchant).
            int alerts = ledger.erasure().eraseAlertDetailsReceivedBefore(textsCutOff);
            if (alerts > 0) {
                removed.put("fraudAlertDetails", alerts);
            }
            if (!removed.isEmpty()) {
                ledger.steps().event("retention", Map.of("removed", removed));
            }
            return removed;
        });
    }

    private Instant cutOff(Period period) {
        return clock.instant().atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }
}
