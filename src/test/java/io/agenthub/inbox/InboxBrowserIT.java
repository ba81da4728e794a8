package io.agenthub.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.secrets.KeyFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox page in a real browser (Debian's headless Chromium, driven by Selenium) on a whole hub, as the people it
 * is for use it: sign in with a token of the hub's embedded issuer, find what waits for them, open it with the
 * keyboard, decide or resolve it, and read what happened. Screenshots are kept in target/inbox-screenshots/.
 */
@Tag("browser")
class InboxBrowserIT {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    private static String person(String subject, Role... roles) {
        return hub.token(subject, EnumSet.of(roles[0], roles), "demo-bank");
    }

    @Test
    void aPersonSignsInSeesWhoTheyAreAndTheQueuesAndSignsOut() throws Exception {
        String alice = person("alice", Role.APPROVER, Role.REVIEWER);
        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            assertThat(browser.focused().getAttribute("id")).isEqualTo("token-input");
            browser.screenshot("01-sign-in");

            browser.signIn(alice);

            assertThat(browser.text("who-subject")).isEqualTo("alice");
            assertThat(browser.text("who-roles")).isEqualTo("roles: approver, reviewer");
            assertThat(browser.text("who-tenants")).isEqualTo("tenants: demo-bank");
            browser.awaitStatus("Signed in as alice");
            // kept in this tab only: no cookie, nothing in localStorage
            assertThat(browser.script("return window.sessionStorage.getItem('agent-hub-inbox.token')")).isEqualTo(alice);
            assertThat(browser.script("return window.localStorage.length")).isEqualTo(0L);
            assertThat(browser.script("return document.cookie")).isEqualTo("");
            browser.screenshot("02-signed-in");

            browser.reload();
            assertThat(browser.text("who-subject")).isEqualTo("alice");

            browser.signOut();
            assertThat(browser.script("return window.sessionStorage.length")).isEqualTo(0L);
            assertThat(browser.displayed("who")).isFalse();
        }
    }

    @Test
    void aTokenTheHubRefusesIsSentBackToSignInWithTheHubsReason(@TempDir Path otherKeys) throws Exception {
        String forged = EmbeddedIssuer.load(new KeyFiles(otherKeys, otherKeys), "agent-hub", "agent-hub", Clock.systemUTC())
                .issue("mallory", EnumSet.of(Role.APPROVER), List.of("demo-bank"), Duration.ofMinutes(5));
        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.type("token-input", forged);
            browser.click("token-form-submit");

            String problem = browser.text("sign-in-problem");
            assertThat(problem).contains("(401)");
            assertThat(browser.script("return window.sessionStorage.length")).isEqualTo(0L);

            browser.type("token-input", "not a token");
            browser.click("token-form-submit");
            assertThat(browser.text("sign-in-problem")).contains("not a bearer token");
            browser.screenshot("03-refused-token");
        }
    }

    @Test
    void aReferredRequestIsListedAndOpensWithItsPseudonymisedTextAndTheModelsSuggestions() throws Exception {
        HttpResponse<String> answer = hub.postRequest(request("C-1001",
                "Hello, this is Sarah Connor. What is the exchange rate for US dollars today?", null));
        JsonNode reply = json(answer.body());
        assertThat(reply.path("outcome").asText()).as(answer.body()).isEqualTo("referred");

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("rita", Role.REVIEWER));
            assertThat(browser.items("reviews")).isNotEmpty();
            browser.screenshot("04-review-listed");

            browser.openWithKeyboard(browser.items("reviews").get(0));

            String detail = browser.text("detail");
            assertThat(detail).contains("<PERSON_1>").doesNotContain("Sarah Connor");
            browser.screenshot("05-review-opened");
        }
    }
}
