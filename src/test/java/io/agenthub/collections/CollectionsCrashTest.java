package io.agenthub.collections;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import io.agenthub.jobs.JobRecord;
import io.agenthub.jobs.JobRecords;
import io.agenthub.jobs.JobRun;
import io.agenthub.jobs.Jobs;
import io.agenthub.store.StepOutbox;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collections run a crash stopped mid-way, with one account's record admitted and its flow past its plan but not
 * finished, as a kill -9 leaves it: at the next start recovery finishes that account's request and resumes the run, and every account
 * is contacted once, that one included.
 */
class CollectionsCrashTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.publications.period-ms", "200");

    @Test
    void aRunACrashInterruptedIsResumedAndContactsEachAccountOnce() throws Exception {
        Jobs jobs = hub.camel().getRegistry().lookupByNameAndType("jobs", Jobs.class);
        JobRecords records = hub.camel().getRegistry().lookupByNameAndType("jobRecords", JobRecords.class);
        JobRun run = jobs.start("collections", "demo-bank", false, "ops@agent-hub");
        JobRecord record = new JobRecord("collections:demo-bank:" + run.cycle() + ":L-2001", "C-1001",
                "Collections: account L-2001, due soon (pre-due)", CollectionsJob.FLOW, Map.of());
        // Admitted with its flow decided (in the admission's transaction).
        JobRecords.JobAdmission admitted = records.admit(run, record);
        assertThat(admitted.admitted()).isTrue();
        // The flow's first durable moment (collections-plan, before it proposes anything) writes the decisions held so
        // far; the crash comes after it.
        hub.camel().getRegistry().lookupByNameAndType("stepOutbox", StepOutbox.class)
                .beforeAction(admitted.requestId(), "collections-plan", Map.of("decision", "contact"));

        hub.stop();
        hub.start();

        JsonNode resumed = awaitEnd(run.runId());
        assertThat(resumed.path("status").asText()).isEqualTo("completed");
        Map<String, Integer> messages = outreachCounts();
        assertThat(messages).containsEntry("L-2001", 1).containsKeys("L-2008", "K-3004", "L-2009");
        assertThat(messages.values()).allMatch(n -> n == 1);
        // L-2001 was contacted by recovery, so the resumed run met its record done and skipped it.
        assertThat(resumed.path("counts").path("contacted").asInt()).isEqualTo(messages.size() - 1);
        assertThat(new JdbcTemplate(hub.database()).queryForObject("SELECT status FROM hub_request WHERE request_id = ?",
                String.class, admitted.requestId())).isEqualTo("COMPLETED");
    }

    private Map<String, Integer> outreachCounts() throws Exception {
        ConsumerTemplate consumer = hub.camel().createConsumerTemplate();
        Map<String, Integer> counts = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int quiet = 0;
        while (Instant.now().isBefore(deadline) && quiet < 4) {
            Exchange received = consumer.receive("jms:queue:hub.outreach", 500);
            if (received == null) {
                quiet++;
                continue;
            }
            quiet = 0;
            String message = RunningHub.json(received.getMessage().getBody(String.class)).path("message").asText();
            counts.merge(message.replaceAll(".*\\b([LK]-\\d{4})\\b.*", "$1"), 1, Integer::sum);
        }
        return counts;
    }

    private JsonNode awaitEnd(String runId) throws Exception {
        String operator = hub.token("ops", Set.of(Role.OPERATOR), "demo-bank");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> run = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/jobs/collections/runs/"
                    + runId))).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operator).GET().build());
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            JsonNode view = RunningHub.json(run.body());
            if (!view.path("status").asText().equals("running")) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end");
    }
}
