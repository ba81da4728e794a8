package io.agenthub.connectors;

import io.agenthub.api.PiiType;
import org.apache.camel.spi.PropertiesComponent;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the hub checks of {@code connectors/<name>.properties} at start, before the connector's routes are made from
 * its template ({@code connectors/<name>.camel.yaml}): a base URL, and personal-data types that exist. A typo is
 * refused at start with the key named, not at a customer's first call.
 */
public final class ConnectorSettings {

    private ConnectorSettings() {
    }

    public static void check(PropertiesComponent properties, String name) {
        String prefix = "connectors." + name + ".";
        // An HTTP back-end has a base URL; a database (connectors/back-office.properties) names its data source bean.
        if (properties.resolveProperty(prefix + "base-url").filter(s -> !s.isBlank()).isEmpty()
                && properties.resolveProperty(prefix + "data-source").filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("connector " + name + " has no " + prefix + "base-url (or, for a"
                    + " database, " + prefix + "data-source)");
        }
        types(properties.resolveProperty(prefix + "reidentify").orElse(""), prefix + "reidentify");
    }

    /** A comma-separated list of personal-data types, as {@code reidentify} takes it; {@code key} names it in errors. */
    public static Set<PiiType> types(String list, String key) {
        Set<PiiType> types = new TreeSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                types.add(PiiType.named(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                        key + ": '" + name.strip() + "' is not one of " + Arrays.toString(PiiType.values()))));
            }
        }
        return Set.copyOf(types);
    }
}
