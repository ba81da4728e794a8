package io.agenthub.app;

import io.agenthub.connectors.corebanking.Card;
import io.agenthub.flows.card.LostCardPolicy;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.messages.ShippedMessages;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under run --reload the hub watches routes/messages/ with Camel's file watcher: a good template file written while
 * it runs is in use at once, a bad one is refused and the texts in use are kept.
 */
class TemplateReloadTest {

    private static final Card VISA = new Card("CRD-1", "C-1", "ACC-1", "4821", "VISA", "DEBIT", "ACTIVE", null);

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aGoodFileIsTakenAndABadOneRefusedWhileTheHubRuns(@TempDir Path dir) throws Exception {
        Path english = Files.createDirectories(dir.resolve("messages/default")).resolve("en.yaml");
        String shipped = Files.readString(Path.of("routes/messages/default/en.yaml"));
        Files.writeString(english, shipped);
        CustomerMessages messages = ShippedMessages.from(dir.resolve("messages"));
        AtomicInteger reloads = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        FolderReload.watch(context, dir.resolve("messages"), true, file -> file.getName().endsWith(".yaml"), () -> {
            if (messages.reload()) {
                taken.incrementAndGet();
            }
            reloads.incrementAndGet();
        });
        context.start();

        // a tenant's own file, in a folder that exists at start, and a new version of the defaults
        save(english, shipped.replace("version: 1", "version: 2")
                .replace("A replacement can be ordered in the app.", "Order a new one in the app."), dir);
        await().atMost(Duration.ofSeconds(30)).until(() -> said(messages).endsWith("Order a new one in the app."));
        assertThat(messages.word("demo-bank", new LostCardPolicy().blocked(VISA)).text().version()).startsWith("default/en@2:");

        // a placeholder the key does not have: refused, the version-2 texts stay in use
        int before = reloads.get();
        int takenBefore = taken.get();
        save(english, shipped.replace("version: 1", "version: 3").replace("${last4}", "${lastFour}"), dir);
        await().atMost(Duration.ofSeconds(30)).until(() -> reloads.get() > before);
        assertThat(taken.get()).isEqualTo(takenBefore);
        assertThat(said(messages)).isEqualTo("Your VISA card ending 4821 is blocked. Order a new one in the app.");
        assertThat(messages.word("demo-bank", new LostCardPolicy().blocked(VISA)).text().version()).startsWith("default/en@2:");
    }

    /** As an editor saves: the whole new text at once, so the watcher never reads half a file. */
    private static void save(Path file, String text, Path dir) throws java.io.IOException {
        Path written = Files.writeString(Files.createTempFile(dir, "en", ".part"), text);
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String said(CustomerMessages messages) {
        return messages.word("demo-bank", new LostCardPolicy().blocked(VISA)).message();
    }
}
