package io.agenthub.app;

import io.agenthub.health.DatabaseHealthCheck;
import io.agenthub.review.ReviewQueue;
import io.agenthub.store.Database;
import io.agenthub.store.GoldenExamples;
import io.agenthub.store.Ledger;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database and what the hub keeps in it: {@code hubDataSource}; {@code reviewQueue} ({@link ReviewQueue}, each
 * item due {@code hub.reviews.deadline} after it is queued); the ledger by role, {@code requestLedger},
 * {@code stepOutbox}, {@code decisions} and {@code requestRecords} ({@link Ledger}); {@code goldenExamples}
 * ({@link GoldenExamples}, what people's decisions teach). The database starts here, first of the hub's services, so
 * it is the last to stop.
 */
final class StoreBeans {

    private static final Logger LOG = LoggerFactory.getLogger(StoreBeans.class);

    /** What later areas build on. */
    record Store(Database database, Ledger ledger, ReviewQueue reviews, GoldenExamples examples) {
    }

    private StoreBeans() {
    }

    static Store bind(Wiring hub) throws Exception {
        LOG.info("Agent Hub home {}, data {}", hub.home(), hub.settings().dataDir());
        StateDirectories.secure(hub.settings());
        Database database = hub.start(new Database(hub.settings().database()));
        HealthCheckRegistry.get(hub.context()).register(new DatabaseHealthCheck(database));
        hub.bind("hubDataSource", database.dataSource());
        ReviewQueue reviews = new ReviewQueue(database.dataSource(), hub.json(), hub.clock(),
                hub.settings().duration("hub.reviews.deadline", ReviewQueue.DEFAULT_DEADLINE));
        hub.bind("reviewQueue", reviews);
        Ledger ledger = Ledger.open(database.dataSource(), hub.json(), hub.clock(), reviews);
        hub.bind("requestLedger", ledger.requests());
        hub.bind("stepOutbox", ledger.steps());
        hub.bind("decisions", ledger.decisions());
        hub.bind("requestRecords", ledger.records());
        GoldenExamples examples = new GoldenExamples(database.dataSource(), hub.json(), hub.clock());
        hub.bind("goldenExamples", examples);
        return new Store(database, ledger, reviews, examples);
    }
}
