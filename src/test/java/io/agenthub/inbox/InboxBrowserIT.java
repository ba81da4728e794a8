package io.agenthub.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.secrets.KeyFiles;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
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

    /** One item a page, so that every list the tests read is paged by its Link rel="next". */
    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.inbox.page-size", "1");

    private static String person(String subject, Role... roles) {
        return hub.token(subject, EnumSet.of(roles[0], roles), "demo-bank");
    }

    /** Sends a customer's request as the channel {@code channelToken} and returns its answer, which must be pending. */
    private static JsonNode pendingRequest(String channelToken, String subjectId, String text) throws Exception {
        HttpResponse<String> answer = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url("/api/v1/requests")))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + channelToken)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(subjectId, text, null))).build());
        JsonNode reply = json(answer.body());
        assertThat(reply.path("outcome").asText()).as(answer.body()).isEqualTo("pending-approval");
        return reply;
    }

    /** The approval a pending answer names. */
    private static String approvalOf(JsonNode pendingReply) {
        String approvalId = pendingReply.path("actions").path(0).path("approvalId").asText();
        assertThat(approvalId).as("the approval in %s", pendingReply).isNotBlank();
        return approvalId;
    }

    /** What the sandbox's core banking did of {@code operation} on {@code targetId}, by its own record. */
    private static List<JsonNode> sandboxActions(String operation, String targetId) throws Exception {
        List<JsonNode> done = new java.util.ArrayList<>();
        for (JsonNode action : json(hub.sandboxGet("/sandbox/actions").body())) {
            if (action.path("operation").asText().equals(operation) && action.path("targetId").asText().equals(targetId)) {
                done.add(action);
            }
        }
        return done;
    }

    private static JsonNode approval(String approvalId) throws Exception {
        return json(hub.get("/api/v1/approvals/" + approvalId).body());
    }

    /** The request as GET /api/v1/requests/{id} shows it. */
    private static JsonNode requestRecord(String requestId) throws Exception {
        return json(hub.get("/api/v1/requests/" + requestId).body());
    }

    private static final String CHANNEL = "app-channel";

    private static String channel() {
        return hub.token(CHANNEL, EnumSet.of(Role.CHANNEL), "demo-bank");
    }

    @Test
    void aPersonSignsInSeesWhoTheyAreAndTheQueuesAndSignsOut() throws Exception {
        String alice = person("alice", Role.APPROVER, Role.REVIEWER);
        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.awaitFocusOn("token-input");
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
    void aReferredRequestOpensPseudonymisedAndAValueIsShownOnlyWhenAskedForAndRecorded() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1001",
                "Hello, this is Sarah Connor. What is the exchange rate for US dollars today?", null)).body());
        assertThat(reply.path("outcome").asText()).as(reply.toString()).isEqualTo("referred");
        String requestId = reply.path("requestId").asText();

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("alice", Role.APPROVER, Role.REVIEWER));
            WebElement listed = browser.reviewItemOf(requestId);
            browser.screenshot("04-review-listed");

            browser.openWithKeyboard(listed);

            assertThat(browser.text("detail")).contains("<PERSON_1>").doesNotContain("Sarah Connor")
                    .contains("exchange_rate").contains("no automated flow");
            browser.screenshot("05-review-opened");
            browser.driver().findElement(By.cssSelector("button.reveal[aria-label='Reveal <PERSON_1>']")).click();
            assertThat(browser.awaitStatus("revealed")).contains("<PERSON_1>");
            assertThat(browser.focused().getText()).startsWith("Sarah Connor");
            browser.screenshot("06-review-value-revealed");
        }
        List<JsonNode> reveals = requestRecord(requestId).path("steps").findParents("step").stream()
                .filter(step -> step.path("step").asText().equals("revealed")).toList();
        assertThat(reveals).hasSize(1);
        assertThat(reveals.get(0).path("detail").path("by").asText()).isEqualTo("alice@agent-hub");
        assertThat(reveals.get(0).path("detail").path("token").asText()).isEqualTo("<PERSON_1>");
        assertThat(reveals.get(0).path("detail").toString()).doesNotContain("Sarah");
    }

    @Test
    void aReviewerResolvesAReferredRequestWithAnIntentAndTheRequestRunsInThatFlow() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1001", "My card is nowhere, I had it at the station this morning",
                null)).body());
        assertThat(reply.path("outcome").asText()).as(reply.toString()).isEqualTo("referred");
        String requestId = reply.path("requestId").asText();

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("rita", Role.REVIEWER));
            browser.openWithKeyboard(browser.reviewItemOf(requestId));
            assertThat(browser.text("detail")).contains("My card is nowhere");
            // a reviewer does not reveal values: no button is offered
            assertThat(browser.driver().findElements(By.cssSelector("button.reveal"))).isEmpty();

            new Select(browser.byId("resolution-intent")).selectByValue("lost_or_stolen_card");
            browser.click("resolve-intent");
            assertThat(browser.awaitDetailProblem()).contains("note");
            browser.awaitFocusOn("resolution-note");

            browser.type("resolution-note", "Lost at the station: block it.");
            browser.screenshot("07-review-resolving");
            browser.click("resolve-intent");
            assertThat(browser.awaitStatus("Resolved")).contains("resolved").contains("completed");
            assertThat(browser.text("detail")).contains("rita@agent-hub").contains("lost_or_stolen_card")
                    .contains("card-lost-or-stolen");
            browser.screenshot("08-review-resolved");
            browser.refresh();
            assertThat(browser.driver().findElements(By.cssSelector("button[data-request-id='" + requestId + "']"))).isEmpty();
        }
        JsonNode stored = requestRecord(requestId);
        assertThat(stored.path("reply").path("intent").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(stored.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(stored.path("reply").path("message").asText()).contains("is blocked");
    }

    @Test
    void aChargebackOverTheThresholdIsApprovedByOnePersonAndRuns() throws Exception {
        // C-1005 paid 420 GBP to Ashdown Tailors on 14 November 2026 (sandbox seed): over the policy's 250
        JsonNode reply = pendingRequest(channel(), "C-1005",
                "There is a card payment of 420 pounds to Ashdown Tailors on 14 November 2026 that I did not make");
        String approvalId = approvalOf(reply);

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("alice", Role.APPROVER, Role.REVIEWER));
            browser.openWithKeyboard(browser.approvalItem(approvalId));
            // Escape closes it and gives the focus back to the item; Enter opens it again
            browser.focused().sendKeys(Keys.ESCAPE);
            browser.awaitFocusOnApproval(approvalId);
            assertThat(browser.displayed("detail")).isFalse();
            browser.openWithKeyboard(browser.focused());

            String detail = browser.text("detail");
            assertThat(detail).contains("raise-chargeback on transaction:TX-100501-0008").contains("State: awaiting")
                    .contains("0 of 1 approvals").contains("approve when amount over 250").contains("disputes-team")
                    .contains("Ashdown Tailors");
            browser.screenshot("10-approval-opened");

            // no reason: refused in the page, next to the field, and nothing is sent
            browser.click("approve");
            assertThat(browser.awaitDetailProblem()).contains("reason");
            browser.awaitFocusOn("decision-reason");
            assertThat(approval(approvalId).path("state").asText()).isEqualTo("awaiting");

            browser.type("decision-reason", "Customer confirmed by phone; the merchant is unknown to them.");
            browser.click("approve");
            browser.awaitState("executed");
            assertThat(browser.awaitStatus("Approved")).contains("executed");
            assertThat(browser.text("detail")).contains("alice@agent-hub").contains("Customer confirmed by phone");
            browser.screenshot("11-approval-executed");
        }
        JsonNode decided = approval(approvalId);
        assertThat(decided.path("state").asText()).isEqualTo("executed");
        assertThat(decided.path("decisions")).hasSize(1);
        assertThat(sandboxActions("raise-chargeback", "TX-100501-0008")).hasSize(1);
        assertThat(requestRecord(reply.path("requestId").asText()).path("reply").path("outcome").asText()).isEqualTo("completed");
    }

    @Test
    void aDeniedChargebackNeverRunsAndTheCustomerIsAnswered() throws Exception {
        // C-1004 paid 412.66 EUR to Holzhandel Brenner on 30 October 2026
        JsonNode reply = pendingRequest(channel(), "C-1004",
                "There is a card payment of 412.66 euros to Holzhandel Brenner on 30 October 2026 that I did not make");
        String approvalId = approvalOf(reply);

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("alice", Role.APPROVER));
            browser.openWithKeyboard(browser.approvalItem(approvalId));
            browser.type("decision-reason", "The customer's card was used with their PIN; not a dispute.");
            browser.click("deny");

            browser.awaitState("denied");
            assertThat(browser.awaitStatus("Denied")).contains("denied");
            assertThat(browser.displayed("detail")).isTrue();
            browser.screenshot("12-approval-denied");
            // decided: no longer listed
            browser.refresh();
            assertThat(browser.driver().findElements(By.cssSelector(
                    "button[data-approval-id='" + approvalId + "']"))).isEmpty();
        }
        JsonNode decided = approval(approvalId);
        assertThat(decided.path("state").asText()).isEqualTo("denied");
        assertThat(decided.path("executedAt").isNull()).isTrue();
        assertThat(sandboxActions("raise-chargeback", "TX-100401-0003")).isEmpty();
        assertThat(requestRecord(reply.path("requestId").asText()).path("reply").path("outcome").asText()).isEqualTo("declined");
    }

    @Test
    void anEditedChargebackRunsWithTheParametersAsEdited() throws Exception {
        // C-1005 paid 1290 GBP to Cavendish Travel on 8 November 2026
        JsonNode reply = pendingRequest(channel(), "C-1005",
                "There is a payment of 1290 pounds to Cavendish Travel on 8 November 2026 that I did not make");
        String approvalId = approvalOf(reply);

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("alice", Role.APPROVER));
            browser.openWithKeyboard(browser.approvalItem(approvalId));
            browser.type("decision-reason", "Travel agency booking the customer did not make; fraud, not a mistake.");
            browser.click("edit");
            // the editable parameters as labelled fields, the first one focused
            browser.awaitFocusOn("parameter-0");
            assertThat(browser.driver().findElement(By.cssSelector("label[for='parameter-0']")).getText())
                    .isEqualTo("reason");
            browser.screenshot("13-approval-edit");
            browser.type("parameter-0", "fraud: card details stolen");
            browser.click("send-edit");

            browser.awaitState("executed");
            assertThat(browser.awaitStatus("Edited")).contains("executed");
            browser.screenshot("14-approval-edited-executed");
        }
        JsonNode decided = approval(approvalId);
        assertThat(decided.path("state").asText()).isEqualTo("executed");
        assertThat(decided.path("action").path("parameters").path("reason").asText()).isEqualTo("fraud: card details stolen");
        assertThat(decided.path("decisions").get(0).path("decision").asText()).isEqualTo("edit");
        assertThat(sandboxActions("raise-chargeback", "TX-100501-0006")).hasSize(1);
        assertThat(decided.path("decisions").get(0).path("digestAfter").asText())
                .isNotEqualTo(decided.path("decisions").get(0).path("digestBefore").asText());
    }

    @Test
    void aChangeOfAddressNeedsTwoPeopleNeitherOfThemTheOneWhoAskedForIt() throws Exception {
        // carol's channel sends the request, and carol is an approver too: she may not approve what she asked for
        String carol = hub.token("carol", EnumSet.of(Role.CHANNEL, Role.APPROVER), "demo-bank");
        JsonNode reply = pendingRequest(carol, "C-1004", "I have moved house, please change my address to 12 High Street, Leeds LS1 4AB");
        String requestId = reply.path("requestId").asText();
        String approvalId = approvalOf(reply);

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(carol);
            browser.openWithKeyboard(browser.approvalItem(approvalId));
            assertThat(browser.text("detail")).contains("change-contact-details").contains("four-eyes").contains("0 of 2 approvals")
                    .doesNotContain("12 High Street");
            browser.type("decision-reason", "Looks right to me.");
            browser.click("approve");
            assertThat(browser.awaitDetailProblem()).contains("(403)").contains("asked for or proposed");
            browser.screenshot("15-four-eyes-proposer-refused");
            browser.signOut();

            browser.signIn(person("alice", Role.APPROVER));
            browser.openWithKeyboard(browser.approvalItem(approvalId));
            // the new address is a token until alice asks for it; asking is recorded with her name
            browser.driver().findElements(By.cssSelector("button.reveal[aria-label='Reveal <STREET_ADDRESS_1>']"))
                    .get(0).click();
            assertThat(browser.awaitStatus("revealed")).contains("<STREET_ADDRESS_1>");
            assertThat(browser.focused().getText()).contains("12 High Street");
            browser.screenshot("16-four-eyes-address-revealed");
            browser.type("decision-reason", "Address format checked against the postcode.");
            browser.click("approve");
            assertThat(browser.awaitStatus("Approved")).contains("awaiting").contains("1 of 2");
            assertThat(approval(approvalId).path("state").asText()).isEqualTo("awaiting");
            browser.screenshot("17-four-eyes-first-approval");

            // the same person twice is still one person
            browser.type("decision-reason", "Approving again.");
            browser.click("approve");
            assertThat(browser.awaitDetailProblem()).contains("(409)").contains("already");
            browser.signOut();

            browser.signIn(person("bob", Role.APPROVER));
            browser.openWithKeyboard(browser.approvalItem(approvalId));
            assertThat(browser.text("detail")).contains("1 of 2 approvals").contains("alice@agent-hub");
            browser.type("decision-reason", "Second check done: the customer called from their registered number.");
            browser.click("approve");
            browser.awaitState("executed");
            assertThat(browser.awaitStatus("Approved")).contains("executed");
            browser.screenshot("18-four-eyes-executed");
        }
        JsonNode decided = approval(approvalId);
        assertThat(decided.path("state").asText()).isEqualTo("executed");
        assertThat(decided.path("decisions").findValuesAsText("decidedBy")).containsExactly("alice@agent-hub", "bob@agent-hub");
        assertThat(sandboxActions("change-contact-details", "C-1004")).hasSize(1);
        JsonNode record = requestRecord(requestId);
        assertThat(record.path("reply").path("outcome").asText()).isEqualTo("completed");
        List<JsonNode> reveals = record.path("steps").findParents("step").stream()
                .filter(step -> step.path("step").asText().equals("revealed")).toList();
        assertThat(reveals).hasSize(1);
        assertThat(reveals.get(0).path("detail").path("by").asText()).isEqualTo("alice@agent-hub");
        assertThat(reveals.get(0).path("detail").toString()).doesNotContain("High Street");
    }

    @Test
    void theListsComeAPageAtATimeByTheirLinksSoonestDeadlineFirst() throws Exception {
        String first = approvalOf(pendingRequest(channel(), "C-1002",
                "I have moved house, please change my address to 12 High Street, Leeds LS1 4AB"));
        String second = approvalOf(pendingRequest(channel(), "C-1003",
                "I have moved house, please change my address to 12 High Street, Leeds LS1 4AB"));

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("alice", Role.APPROVER));
            assertThat(browser.items("approvals")).hasSize(1);
            assertThat(browser.text("approvals-count")).isEqualTo("(1+)");

            browser.approvalItem(first);
            browser.approvalItem(second);

            List<WebElement> items = browser.items("approvals");
            assertThat(items.size()).isGreaterThanOrEqualTo(2);
            List<String> deadlines = browser.driver().findElements(By.cssSelector("#approvals-list time")).stream()
                    .map(time -> time.getAttribute("datetime")).toList();
            assertThat(deadlines).hasSize(items.size()).isSortedAccordingTo(
                    java.util.Comparator.comparing(java.time.Instant::parse));
            browser.screenshot("09-approvals-paged");
        }
    }

    @Test
    void aContestedDecisionIsUpheldByAPersonAndTheExplanationSaysSo() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1005", "I lost my card", null)).body());
        assertThat(reply.path("outcome").asText()).as(reply.toString()).isEqualTo("completed");
        String requestId = reply.path("requestId").asText();
        HttpResponse<String> contested = hub.post("/api/v1/requests/" + requestId + "/contest",
                "{\"statement\": \"I never asked for my card to be blocked\"}", "application/json");
        assertThat(contested.statusCode()).as(contested.body()).isEqualTo(202);

        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            browser.signIn(person("rita", Role.REVIEWER));
            browser.openWithKeyboard(browser.reviewItemOf(requestId));
            assertThat(browser.text("detail-title")).startsWith("Contested decision");
            assertThat(browser.byId("overturn-intent").getTagName()).isEqualTo("select");
            browser.screenshot("19-contest-opened");

            browser.click("uphold");
            assertThat(browser.awaitDetailProblem()).contains("note");
            browser.type("resolution-note", "The customer reported the theft in branch.");
            browser.click("uphold");
            assertThat(browser.awaitStatus("Resolved")).contains("resolved");
            assertThat(browser.text("detail")).contains("uphold").contains("rita@agent-hub");
        }
        JsonNode explanation = json(hub.get("/api/v1/requests/" + requestId + "/explanation").body());
        assertThat(explanation.path("summary").asText()).contains("upheld the decision");
    }
}
