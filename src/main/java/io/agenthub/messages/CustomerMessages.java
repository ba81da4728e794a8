package io.agenthub.messages;

import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Words a flow's answer for the customer, in their tenant's texts ({@code customerMessages} in the routes). The texts
 * are read at start, and again on {@code run --reload} when a template file changes: a file with a mistake is
 * refused with its error logged, and the texts in use stay as they were.
 */
public final class CustomerMessages {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerMessages.class);

    /** Reads the whole catalogue afresh, or says what is wrong with it. */
    @FunctionalInterface
    public interface Source {
        MessageCatalogue read() throws IOException;
    }

    private final Source source;
    private final String language;
    private final AtomicReference<MessageCatalogue> current = new AtomicReference<>();

    /** @throws IOException naming the file and key of the first mistake: the hub does not start with it */
    public CustomerMessages(Source source, String language) throws IOException {
        this.source = source;
        this.language = language;
        current.set(source.read());
    }

    /** The flow's answer with its message in the tenant's words, and the texts' version beside it. */
    public FlowResult word(String tenant, FlowResult result) {
        if (result.text() == null) {
            throw new IllegalStateException("a flow answered without a text to word (FlowResult.saying)");
        }
        MessageCatalogue.Worded worded = current.get().word(tenant, language, result.text());
        return result.worded(worded.text(), worded.version());
    }

    /** What a customer is told while a back-end has not confirmed an action. */
    public FlowResult awaitingConfirmation(String tenant) {
        return word(tenant, FlowResult.saying(Outcome.PENDING, ReplyText.of(ReplyKey.AWAITING_CONFIRMATION)));
    }

    /**
     * Reads the texts again. A mistake leaves the texts in use as they were, and is logged with its file and key.
     *
     * @return whether the new texts are in use
     */
    public boolean reload() {
        try {
            MessageCatalogue read = source.read();
            current.set(read);
            LOG.info("Reply texts reloaded: {}", read.files().values().stream().map(MessageFile::versionLabel).toList());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("Reply texts not reloaded, those in use are kept: {}", e.getMessage());
            return false;
        }
    }

    /** The texts in use. */
    public MessageCatalogue catalogue() {
        return current.get();
    }
}
