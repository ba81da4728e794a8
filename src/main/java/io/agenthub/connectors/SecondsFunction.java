package io.agenthub.connectors;

import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{seconds:30000}}}: milliseconds as whole seconds, at least one. Settings count time in milliseconds
 * ({@code connectors.<name>.breaker.wait-in-open-ms}); Camel's Resilience4j configuration takes the breaker's open
 * wait in seconds, so a connector template writes {@code waitDurationInOpenState: "{{seconds:{{waitInOpenMs}}}}"}.
 * Camel finds this function by its name under {@code META-INF/services/org/apache/camel/properties-function/seconds}.
 */
public final class SecondsFunction implements PropertiesFunction {

    @Override
    public String getName() {
        return "seconds";
    }

    @Override
    public String apply(String milliseconds) {
        long ms;
        try {
            ms = Long.parseLong(milliseconds.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("{{seconds:MILLISECONDS}} needs a whole number of milliseconds, not '"
                    + milliseconds + "'");
        }
        return String.valueOf(Math.max(1, ms / 1000));
    }
}
