package io.agenthub.app;

import ch.qos.logback.classic.Level;
import io.agenthub.RunningHub;
import io.agenthub.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo stream goes through the JMS front door's checks as an ESB does, as a channel of each request's tenant. */
class DemoStreamTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.demo.enabled", "true").with("hub.demo.period-ms", "500");

    @Test
    void theDemoStreamsRequestsAreServedAsAChannelOfTheirTenant() {
        try (LogCapture logs = LogCapture.at(Level.INFO)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> logs.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().startsWith("Demo answer:")));

            String answer = logs.events().stream().map(e -> e.getFormattedMessage())
                    .filter(m -> m.startsWith("Demo answer:")).findFirst().orElseThrow();
            assertThat(answer).contains("\"requestId\"").doesNotContain("unauthenticated", "forbidden");
        }
    }
}
