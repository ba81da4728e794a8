package io.agenthub.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.util.List;

/**
 * Keeps the values of settings out of the log whatever level an operator turns on. Below INFO, two of Camel's
 * loggers print settings as they are resolved, unmasked: the placeholder parser every value it finds and every
 * function's result ({@code {{env:HUB_VAULT_KEY}}} and {@code {{file:...}}} included), and Camel Main the
 * {@code camel.*} values it applies. Their DEBUG and TRACE events are dropped here, before any appender sees them;
 * their INFO and above, which mask secrets, pass. Installed by logback.xml as a turbo filter, so it holds even when
 * a logger's level is raised at run time.
 */
public final class SecretSafeLogFilter extends TurboFilter {

    /** Loggers whose events below INFO carry setting values. */
    static final List<String> VALUE_PRINTING_LOGGERS = List.of("org.apache.camel.component.properties", "org.apache.camel.main");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        for (String prefix : VALUE_PRINTING_LOGGERS) {
            if (name.startsWith(prefix)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
