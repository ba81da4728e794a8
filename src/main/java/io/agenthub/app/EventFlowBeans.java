package io.agenthub.app;

import io.agenthub.flows.fraud.CustomerReplyRules;
import io.agenthub.flows.fraud.FraudAlertFlow;
import io.agenthub.flows.fraud.FraudAlertReader;
import io.agenthub.flows.fraud.FraudAlertTransitions;
import io.agenthub.flows.fraud.FraudAlerts;
import io.agenthub.flows.fraud.OutreachReplyReader;
import io.agenthub.flows.outreach.OutreachTemplates;
import io.agenthub.flows.transfers.TransferStatus;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.review.ReviewQueue;
import io.agenthub.store.Ledger;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Event-driven banking flows (routes/fraud-alerts.camel.yaml, docs/fraud-alerts.md): {@code fraudAlertReader},
 * {@code fraudAlerts} (the alerts' durable state), {@code fraudAlertFlow}, {@code fraudAlertTransitions} (a reply or
 * the deadline decides an alert) and {@code outreachReplyReader} (the outreach itself goes
 * out through execute-send-outreach, io.agenthub.collections.OutreachSender); and {@code transferStatus} (routes/transfer-status.camel.yaml).
 */
final class EventFlowBeans {

    private EventFlowBeans() {
    }

    static void bind(Wiring hub, Ledger ledger) {
        DataSource dataSource = hub.context().getRegistry().lookupByNameAndType("hubDataSource", DataSource.class);
        StrictJson strictJson = new StrictJson(hub.json());
        FraudAlerts alerts = new FraudAlerts(dataSource, hub.clock(),
                hub.settings().duration("hub.fraud-alerts.reply-deadline", Duration.ofHours(24)));
        hub.bind("fraudAlerts", alerts);
        hub.bind("fraudAlertReader", new FraudAlertReader(strictJson, hub.tenants(), hub.clock()));
        OutreachTemplates templates = new OutreachTemplates(hub::open,
                hub.settings().text("hub.fraud-alerts.template-version", "v1"),
                Map.of(FraudAlertFlow.TEMPLATE, FraudAlertFlow.TEMPLATE_VARIABLES));
        hub.bind("fraudAlertFlow", new FraudAlertFlow(alerts, templates, ledger.steps(),
                hub.settings().text("hub.fraud-alerts.channel", "SMS")));
        hub.bind("fraudAlertTransitions", new FraudAlertTransitions(alerts, new CustomerReplyRules(), ledger,
                hub.context().getRegistry().lookupByNameAndType("reviewQueue", ReviewQueue.class),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource))));
        hub.bind("outreachReplyReader", new OutreachReplyReader(strictJson));
        hub.bind("transferStatus", new TransferStatus(hub.clock(), hub.settings().atLeast("hub.transfer-status.days-back", 60, 1),
                ledger.steps()));
    }
}
