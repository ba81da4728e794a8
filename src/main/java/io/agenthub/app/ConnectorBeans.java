package io.agenthub.app;

import io.agenthub.connectors.ConnectorCalls;
import io.agenthub.connectors.ConnectorRequestWriter;
import io.agenthub.connectors.ConnectorResponseReader;
import io.agenthub.connectors.ConnectorRetries;
import io.agenthub.connectors.ConnectorSettings;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.connectors.corebanking.CoreBankingOperations;
import io.agenthub.store.Ledger;
import io.agenthub.vault.SubjectVault;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The back-ends of {@code connectors/}: each {@code <name>.properties} joins the placeholders and fills the parameters of
 * its route template; {@code connectorCalls} ({@link ConnectorCalls}), {@code reidentifier} ({@link Reidentifier}),
 * {@code connectorRequestWriter}, {@code connectorResponseReader} and {@code connectorRetries} are the templates' steps,
 * {@code coreBankingOperations} ({@link CoreBankingOperations}) builds and reads core banking's calls for the flows.
 */
final class ConnectorBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorBeans.class);

    private ConnectorBeans() {
    }

    /**
     * The connectors are route templates ({@code connectors/<name>.camel.yaml}, loaded with the routes); these are the
     * beans their steps and the flows' connector steps call. Their settings are checked here, once the sandbox's URL
     * is known, so that a typo is refused at start. Returns what reads a request's personal values back from the vault
     * for a back-end (and the extraction steps).
     */
    static Reidentifier bind(Wiring hub, Ledger ledger, SubjectVault vault) throws Exception {
        for (String connector : loadConnectorSettings(hub)) {
            ConnectorSettings.check(hub.context().getPropertiesComponent(), connector);
        }
        Reidentifier reidentifier = new Reidentifier(vault, ledger.records()::subjectOf, hub.json());
        hub.bind("reidentifier", reidentifier);
        hub.bind("connectorCalls", new ConnectorCalls(ledger.steps(), ledger.decisions()));
        hub.bind("connectorRequestWriter", new ConnectorRequestWriter(hub.json()));
        hub.bind("connectorResponseReader", new ConnectorResponseReader(hub.json()));
        hub.bind("connectorRetries", new ConnectorRetries());
        hub.bind("coreBankingOperations", new CoreBankingOperations(hub.json()));
        return reidentifier;
    }

    /** Adds every {@code connectors/*.properties} to the placeholders; returns the connector names. */
    private static List<String> loadConnectorSettings(Wiring hub) throws Exception {
        List<String> names = new ArrayList<>();
        for (Resource resource : PluginHelper.getPackageScanResourceResolver(hub.context())
                .findResources(hub.home().location("connectors/*.properties"))) {
            // A scanned resource inside the jar reports a file-system-like location; address it through the home instead.
            String file = resource.getLocation().substring(resource.getLocation().lastIndexOf('/') + 1);
            hub.context().getPropertiesComponent().addLocation(hub.home().location("connectors/" + file));
            names.add(file.substring(0, file.length() - ".properties".length()));
        }
        LOG.info("Connectors: {}", names);
        return names;
    }
}
