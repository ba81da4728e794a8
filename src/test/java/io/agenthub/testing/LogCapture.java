package io.agenthub.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every log event while open, with the hub's, Camel's, Vert.x's and Netty's loggers at DEBUG (the levels they
 * had come back on close): what a request's content could reach if any of them logged it.
 */
public final class LogCapture implements AutoCloseable {

    /** The loggers that see requests: the hub's own, and every layer a request passes through on its way in. */
    public static final List<String> REQUEST_PATH = List.of("io.agenthub", "org.apache.camel", "io.vertx", "io.netty",
            "org.apache.activemq", "org.springframework.jms", "com.fasterxml.jackson");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogCapture(List<String> loggers, Level level) {
        appender.start();
        root.addAppender(appender);
        for (String name : loggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(level);
        }
    }

    /** Captures at DEBUG along the request path. */
    public static LogCapture atDebug() {
        return new LogCapture(REQUEST_PATH, Level.DEBUG);
    }

    /** Captures along the request path at the given level. */
    public static LogCapture at(Level level) {
        return new LogCapture(REQUEST_PATH, level);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Every captured line with its exceptions' messages and frames, as one text to search. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                    .append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    text.append(frame.getSTEAsString()).append('\n');
                }
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    text.append("suppressed ").append(suppressed.getClassName()).append(": ")
                            .append(suppressed.getMessage()).append('\n');
                }
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        levels.forEach(Logger::setLevel);
    }
}
