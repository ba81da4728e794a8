package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People in the loop through the whole hub, as the check does it: dangerous actions wait for approval (four-eyes
 * for a change of address, one approver for a dispute over the policy's amount), the proposer cannot approve, an
 * approved action reaches the back-end once and the request then completes, a denied one never reaches it, operators
 * pause automation, and an erasure waits for a second compliance officer.
 */
class ApprovalsEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    private String person(String name, Role... roles) {
        return hub.token(name, Set.of(roles), "demo-bank");
    }

    private HttpResponse<String> decide(String approvalId, String token, String body) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/approvals/" + approvalId + "/decision")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> submit(String token, String subject, String text) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(request(subject, text, null))).build());
    }

    private List<JsonNode> sandboxActions(String operation) throws Exception {
        JsonNode actions = json(hub.sandboxGet("/sandbox/actions").body());
        return StreamSupport.stream(actions.spliterator(), false)
                .filter(a -> a.path("operation").asText().equals(operation)).toList();
    }

    @Test
    void aChangeOfAddressNeedsTwoApproversNeitherTheOneWhoAskedAndRunsOnceWhenTheSecondApproves() throws Exception {
        String carol = person("carol", Role.CHANNEL, Role.APPROVER);
        HttpResponse<String> answer = submit(carol, "C-1004",
                "I have moved house, please change my address to 12 High Street, Leeds LS1 4AB");
        JsonNode reply = json(answer.body());
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(reply.path("intent").asText()).isEqualTo("edit_personal_details");
        assertThat(reply.path("outcome").asText()).isEqualTo("pending-approval");
        String requestId = reply.path("requestId").asText();
        String approvalId = reply.path("actions").get(0).path("approvalId").asText();

        JsonNode listed = json(hub.get("/api/v1/approvals?status=awaiting").body());
        JsonNode approval = StreamSupport.stream(listed.spliterator(), false)
                .filter(a -> a.path("approvalId").asText().equals(approvalId)).findFirst().orElseThrow();
        assertThat(approval.path("requestId").asText()).isEqualTo(requestId);
        assertThat(approval.path("policy").path("rule").asText()).isEqualTo("four-eyes");
        assertThat(approval.path("action").path("parameters").path("address").asText()).isEqualTo("<STREET_ADDRESS_1>");
        assertThat(approval.path("text").asText()).doesNotContain("High Street");
        assertThat(json(hub.get("/api/v1/requests/" + requestId).body()).path("reply").path("outcome").asText())
                .isEqualTo("pending-approval");

        String approve = "{\"decision\":\"approve\",\"reason\":\"customer verified on the phone\"}";
        // Carol asked for it (as the channel's person): she may not approve it.
        assertThat(decide(approvalId, carol, approve).statusCode()).isEqualTo(403);
        HttpResponse<String> first = decide(approvalId, person("alice", Role.APPROVER), approve);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first.body()).path("state").asText()).isEqualTo("awaiting");
        assertThat(json(first.body()).path("approvals").asInt()).isEqualTo(1);
        assertThat(sandboxActions("change-contact-details")).isEmpty();
        // The same person twice is still one approver.
        assertThat(decide(approvalId, person("alice", Role.APPROVER), approve).statusCode()).isEqualTo(409);

        HttpResponse<String> second = decide(approvalId, person("bob", Role.APPROVER), approve);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second.body()).path("state").asText()).isEqualTo("executed");
        assertThat(sandboxActions("change-contact-details")).hasSize(1);
        assertThat(json(hub.sandboxGet("/core-banking/customers/C-1004").body()).toString()).contains("High Street");
        assertThat(decide(approvalId, person("dave", Role.APPROVER), approve).statusCode()).isEqualTo(409);

        JsonNode settled = json(hub.get("/api/v1/requests/" + requestId).body());
        assertThat(settled.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(settled.path("reply").path("message").asText()).isEqualTo("Your contact details have been updated.");
        assertThat(settled.path("steps").findValuesAsText("step")).contains("approval");
        // The channel that asked is told on JMS hub.notifications, through the publication outbox.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(new org.springframework.jdbc.core.JdbcTemplate(
                hub.database()).queryForObject("SELECT COUNT(*) FROM hub_publication WHERE destination = 'hub.notifications'"
                + " AND published_at IS NOT NULL AND body_json LIKE ?", Integer.class, "%" + requestId + "%")).isEqualTo(1));
    }

    @Test
    void aDisputeOverThePolicysAmountWaitsForOneApproverAndADeniedOneNeverReachesTheBackEnd() throws Exception {
        // C-1005 paid 420.00 GBP to Ashdown Tailors on 14 November 2026 (sandbox seed); the policy's amount is 250.
        HttpResponse<String> answer = hub.postRequest(request("C-1005",
                "There is a card payment of 420.00 pounds to Ashdown Tailors on 14 November 2026 that I did not make", null));
        JsonNode reply = json(answer.body());
        assertThat(reply.path("outcome").asText()).as(answer.body()).isEqualTo("pending-approval");
        String approvalId = reply.path("actions").get(0).path("approvalId").asText();
        JsonNode approval = json(hub.get("/api/v1/approvals/" + approvalId).body());
        assertThat(approval.path("policy").path("rule").asText()).isEqualTo("approve");
        assertThat(approval.path("action").path("type").asText()).isEqualTo("raise-chargeback");

        assertThat(decide(approvalId, person("alice", Role.APPROVER), "{\"decision\":\"deny\",\"reason\":\"the customer"
                + " used this shop before\"}").statusCode()).isEqualTo(200);

        assertThat(json(hub.get("/api/v1/approvals/" + approvalId).body()).path("state").asText()).isEqualTo("denied");
        assertThat(sandboxActions("raise-chargeback")).noneMatch(a -> a.path("targetId").asText().equals("TX-100501-0008"));
        assertThat(json(hub.get("/api/v1/requests/" + reply.path("requestId").asText()).body()).path("reply")
                .path("outcome").asText()).isEqualTo("declined");
    }

    @Test
    void aSmallDisputeRunsWhenTheIndependentCheckAgrees() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1001",
                "There is a card payment of 42.80 euros to Trattoria Da Nino on 9 November 2026 that I did not make", null)).body());

        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("message").asText()).startsWith("We have disputed the payment of 42.80 EUR to Trattoria Da Nino");
        assertThat(sandboxActions("raise-chargeback")).filteredOn(a -> a.path("targetId").asText().equals("TX-100101-0006"))
                .hasSize(1);
    }

    @Test
    void aPausedActionWaitsForApprovalUntilItIsResumedAndHealthSaysSo() throws Exception {
        String operator = person("olga", Role.OPERATOR);
        HttpResponse<String> paused = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/automation/pauses")))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"demo-bank\",\"action\":\"block-card\","
                        + "\"reason\":\"incident 42: card blocks under review\"}")).build());
        assertThat(paused.statusCode()).isEqualTo(201);
        String pauseId = json(paused.body()).path("pauseId").asText();
        assertThat(hub.get("/observe/health?exposureLevel=full").body()).contains("block-card");

        JsonNode reply = json(hub.postRequest(request("C-1005", "I lost my card", null)).body());
        assertThat(reply.path("outcome").asText()).isEqualTo("pending-approval");

        HttpResponse<String> resumed = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/automation/pauses/" + pauseId)))
                .header("Authorization", "Bearer " + operator).DELETE().build());
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(hub.postRequest(request("C-1001", "I lost my card", null)).body()).path("outcome").asText())
                .isEqualTo("completed");
    }

    @Test
    void anErasureWaitsForASecondComplianceOfficer() throws Exception {
        String first = hub.token("fiona", Set.of(Role.COMPLIANCE), "demo-bank");
        hub.postRequest(request("C-9001", "I lost my card", null));
        HttpResponse<String> asked = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/subjects/C-9001/erasure?tenant=demo-bank")))
                .header("Authorization", "Bearer " + first).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"ticket DSR-7\"}")).build());
        assertThat(asked.statusCode()).isEqualTo(202);
        JsonNode approval = json(asked.body());
        assertThat(approval.path("action").path("type").asText()).isEqualTo("erase-subject");
        String approvalId = approval.path("approvalId").asText();

        String approve = "{\"decision\":\"approve\",\"reason\":\"request checked\"}";
        HttpResponse<String> own = decide(approvalId, first, approve);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(decide(approvalId, person("alice", Role.APPROVER), approve).statusCode()).isEqualTo(403);
        HttpResponse<String> done = decide(approvalId, hub.token("gus", Set.of(Role.COMPLIANCE), "demo-bank"), approve);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done.body()).path("state").asText()).isEqualTo("executed");
    }

    @Test
    void anApproverCorrectsTheAddressWhichIsStoredAsATokenAndTheSecondApproverRunsTheCorrection() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1003",
                "Please change my address to 7 Mill Lane, York YO1 7HH, I have moved", null)).body());
        assertThat(reply.path("outcome").asText()).isEqualTo("pending-approval");
        String approvalId = reply.path("actions").get(0).path("approvalId").asText();

        HttpResponse<String> edited = decide(approvalId, person("alice", Role.APPROVER), """
                {"decision":"edit","parameters":{"address":"9 Mill Lane, York YO1 7HH"},
                 "reason":"house number per customer call, she gave jane.doe@example.com for the letter"}""");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        JsonNode afterEdit = json(edited.body());
        assertThat(afterEdit.path("state").asText()).isEqualTo("awaiting");
        // Sealed in the subject's vault like the front door's tokens: no address in clear in the approval.
        assertThat(afterEdit.path("action").path("parameters").path("address").asText()).matches("<STREET_ADDRESS_\\d+>");
        assertThat(edited.body()).doesNotContain("9 Mill Lane").doesNotContain("jane.doe@example.com");
        assertThat(afterEdit.path("decisions").get(0).path("reason").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(afterEdit.path("decisions").get(0).path("digestAfter").asText())
                .isNotEqualTo(afterEdit.path("decisions").get(0).path("digestBefore").asText());
        // Only the parameters the policy lets people edit.
        assertThat(decide(approvalId, person("bob", Role.APPROVER), """
                {"decision":"edit","parameters":{"email":"x@example.com","customer":"C-1"},"reason":"x"}""").statusCode())
                .isEqualTo(400);

        HttpResponse<String> approved = decide(approvalId, person("bob", Role.APPROVER),
                "{\"decision\":\"approve\",\"reason\":\"checked the correction\"}");
        assertThat(json(approved.body()).path("state").asText()).isEqualTo("executed");
        assertThat(json(hub.sandboxGet("/core-banking/customers/C-1003").body()).toString()).contains("9 Mill Lane");
        // The correction is a lesson: a golden example of the edit, with tokens only.
        assertThat(new org.springframework.jdbc.core.JdbcTemplate(hub.database()).queryForList("SELECT corrected_action_json"
                + " FROM hub_golden_example WHERE kind = 'edit' AND request_id = ?", String.class,
                reply.path("requestId").asText())).singleElement().asString().contains("STREET_ADDRESS").doesNotContain("Mill Lane");
    }

    @Test
    void aBanksTaskSystemDecidesOverJmsWithThePersonsTokenAndHearsOfApprovalsOnHubApprovals() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1002",
                "I have moved, please change my email address to jonas.new@example.com", null)).body());
        assertThat(reply.path("outcome").asText()).isEqualTo("pending-approval");
        String approvalId = reply.path("actions").get(0).path("approvalId").asText();

        var jms = hub.camel().createProducerTemplate();
        String decision = "{\"approvalId\":\"" + approvalId + "\",\"decision\":\"approve\",\"reason\":\"task 17\"}";
        String first = jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000", decision,
                "Authorization", "Bearer " + person("alice", Role.APPROVER), String.class);
        assertThat(json(first).path("state").asText()).isEqualTo("awaiting");
        // Hostile or careless messages are answered with a problem, never taken as a decision.
        assertThat(json(jms.requestBody("jms:queue:hub.approval-decisions?requestTimeout=20000", decision, String.class))
                .path("status").asInt()).as("no token").isEqualTo(401);
        assertThat(json(jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000", decision,
                "Authorization", "Bearer not-a-token", String.class)).path("status").asInt()).as("bad token").isEqualTo(401);
        assertThat(json(jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000",
                "{\"approvalId\":\"" + approvalId + "\",\"decision\":\"approve\",\"decision\":\"deny\",\"reason\":\"x\"}",
                "Authorization", "Bearer " + person("bob", Role.APPROVER), String.class)).path("status").asInt())
                .as("duplicate key").isEqualTo(400);
        assertThat(json(jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000",
                "{\"approvalId\":\"../../x\",\"decision\":\"approve\",\"reason\":\"x\"}",
                "Authorization", "Bearer " + person("bob", Role.APPROVER), String.class)).path("status").asInt())
                .as("unknown id").isEqualTo(404);
        assertThat(json(jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000", decision,
                "Authorization", "Bearer " + hub.token("carl", Set.of(Role.CHANNEL), "demo-bank"), String.class))
                .path("status").asInt()).as("no deciding role").isEqualTo(403);
        String refused = jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000", decision,
                "Authorization", "Bearer " + person("alice", Role.APPROVER), String.class);
        assertThat(json(refused).path("status").asInt()).isEqualTo(409);
        String second = jms.requestBodyAndHeader("jms:queue:hub.approval-decisions?requestTimeout=20000", decision,
                "Authorization", "Bearer " + person("bob", Role.APPROVER), String.class);
        assertThat(json(second).path("state").asText()).isEqualTo("executed");

        // Each change of state went out on hub.approvals, in order.
        var consumer = hub.camel().createConsumerTemplate();
        java.util.List<String> states = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String message;
            while ((message = consumer.receiveBody("jms:queue:hub.approvals", 200, String.class)) != null) {
                JsonNode published = json(message);
                if (published.path("approvalId").asText().equals(approvalId)) {
                    states.add(published.path("state").asText());
                }
            }
            return states.contains("executed");
        });
        assertThat(states).containsSubsequence("awaiting", "approved", "executed");
    }
}
