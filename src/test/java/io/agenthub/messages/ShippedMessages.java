package io.agenthub.messages;

import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/** The texts in routes/messages/ as the hub reads them, for tests of the flows that name them. */
public final class ShippedMessages {

    public static final Set<String> TENANTS = Set.of("demo-bank", "demo-insurer");

    private ShippedMessages() {
    }

    /** The shipped texts in English. */
    public static CustomerMessages english() {
        return from(Path.of("routes/messages"));
    }

    /** The texts of a folder laid out as routes/messages/ is. */
    public static CustomerMessages from(Path folder) {
        try {
            return new CustomerMessages(source(folder), "en");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CustomerMessages.Source source(Path folder) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        return () -> MessageFiles.load(context, "file:" + folder.toAbsolutePath(), "routes/messages", TENANTS, "en");
    }
}
