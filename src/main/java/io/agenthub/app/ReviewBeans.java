package io.agenthub.app;

import io.agenthub.frontdoor.StrictJson;
import io.agenthub.review.ReviewDesk;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reviewers' side of the review queue (routes/reviews.camel.yaml): {@code reviewDesk} ({@link ReviewDesk}), which
 * lists the queue with the labels of each item's capability and resolves items. Built after the capabilities, whose
 * labels it offers, and the pseudonymiser, which tokenises reviewers' notes as it does request texts.
 */
final class ReviewBeans {

    private ReviewBeans() {
    }

    static void bind(Wiring hub, StoreBeans.Store store, PrivacyBeans.Privacy privacy,
                     CapabilityBeans.Capabilities capabilities) {
        hub.bind("reviewDesk", new ReviewDesk(store.reviews(), store.ledger(), store.examples(), capabilities.registry(),
                capabilities.frontDoor(), privacy.pseudonymiser(), new StrictJson(hub.json()),
                new TransactionTemplate(new DataSourceTransactionManager(store.database().dataSource())), hub.clock()));
    }
}
