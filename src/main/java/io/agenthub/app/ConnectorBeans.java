package io.agenthub.app;

import io.agenthub.connectors.ConnectorClient;
import io.agenthub.connectors.ConnectorSettings;
import io.agenthub.connectors.HttpConnectorRoutes;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.connectors.corebanking.CoreBankingConnector;
import io.agenthub.store.Ledger;
import io.agenthub.vault.SubjectVault;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The back-ends of {@code connectors/}: each {@code <name>.properties} joins the placeholders and gets its pair of
 * routes; {@code coreBanking} ({@link CoreBankingConnector}) calls core banking's operations for the flows.
 */
final class ConnectorBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorBeans.class);

    private ConnectorBeans() {
    }

    /** Returns what reads a request's personal values back from the vault for a back-end (and the extraction steps). */
    static Reidentifier bind(Wiring hub, Ledger ledger, SubjectVault vault) throws Exception {
        Map<String, ConnectorSettings> connectorSettings = new HashMap<>();
        for (String connector : loadConnectorSettings(hub)) {
            ConnectorSettings settings = ConnectorSettings.from(hub.context().getPropertiesComponent(), connector);
            connectorSettings.put(connector, settings);
            hub.context().addRoutes(new HttpConnectorRoutes(settings, hub.json()));
        }
        Reidentifier reidentifier = new Reidentifier(vault, ledger.records()::subjectOf, hub.json());
        hub.bind("coreBanking", new CoreBankingConnector(new ConnectorClient(connectorSettings.get(CoreBankingConnector.NAME),
                hub.context().createProducerTemplate(), ledger.steps(), ledger.decisions(), reidentifier), hub.json()));
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
