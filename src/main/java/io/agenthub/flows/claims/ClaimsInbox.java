package io.agenthub.flows.claims;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.connectors.insurance.Policy;
import io.agenthub.jobs.JobOutcome;
import io.agenthub.jobs.JobRecord;
import io.agenthub.jobs.JobRun;
import io.agenthub.jobs.Jobs;
import io.agenthub.store.StepOutbox;
import io.agenthub.tenants.TenantDirectory;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.FileConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The claims inbox (bean {@code claimsInbox}): a folder per tenant, {@code <hub.claims.inbox>/<tenant>/}, as an SFTP
 * server gives each insurer's account its own folder, so which tenant a file is for is decided by who could write
 * there, never by what the file says. A run of the job claims-intake drains its tenant's folder file by file with
 * Camel's file component (each file one exchange, taken and committed on its own: {@code done/} when its notice became
 * a request, {@code error/} with {@code <name>.reason.txt} when it cannot be read); a file whose handling failed for
 * another reason (the insurer could not be asked) stays in the inbox for the next run.
 */
public final class ClaimsInbox {

    public static final String JOB = "claims-intake";
    /** The flow every notice goes to. */
    public static final String FLOW = "claim-notice";
    /** The exchange property the file endpoint's {@code move} reads: where a handled file goes. */
    public static final String DESTINATION = "claimFileTo";

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsInbox.class);
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9:._-]{1,200}");

    private final Path root;
    private final ClaimFiles files;
    private final TenantDirectory tenants;
    private final Jobs jobs;
    private final StepOutbox audit;
    private final ObjectMapper json;
    private final ConsumerTemplate consumer;
    private final ProducerTemplate producer;
    /** The tenant whose notices a file dropped in the inbox itself, in no tenant's folder, is; null for none. */
    private final String defaultTenant;

    public ClaimsInbox(Path root, ClaimFiles files, TenantDirectory tenants, Jobs jobs, StepOutbox audit, ObjectMapper json,
                       ConsumerTemplate consumer, ProducerTemplate producer, String defaultTenant) {
        this.root = root.toAbsolutePath().normalize();
        this.defaultTenant = defaultTenant == null || defaultTenant.isBlank() ? null : defaultTenant;
        if (this.defaultTenant != null && tenants.find(this.defaultTenant).isEmpty()) {
            throw new IllegalArgumentException("hub.claims.default-tenant is '" + defaultTenant
                    + "', which compliance/tenants.yaml does not declare");
        }
        this.files = files;
        this.tenants = tenants;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
        this.consumer = consumer;
        this.producer = producer;
    }

    /** The tenant's drop folder, made if missing. */
    public String folder(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches() || tenants.find(tenant).isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_TENANT, "No tenant of this id.");
        }
        Path dir = root.resolve(tenant);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the claims inbox " + dir, e);
        }
        return dir.toString();
    }

    /**
     * The file endpoint a run drains: not recursive (done/ and error/ are beside the files), hidden and partial uploads
     * left alone, oldest first; a handled file moves to where {@link #DESTINATION} says.
     */
    String endpoint(String tenant) {
        // eagerMaxMessagesPerPoll=false: a poll takes one file, the oldest of all, not the first the directory lists
        return "file:" + folder(tenant) + "?sortBy=file:modified&eagerMaxMessagesPerPoll=false"
                + "&exclude=RAW(.*\\.(part|tmp|filepart)$)&move=${exchangeProperty." + DESTINATION + "}";
    }

    /**
     * A run: every file of the tenant's folder once, through {@code direct:claim-file}. A file handed back (its handling
     * failed and it stays) ends the run's pass, so a file the insurer cannot be asked about does not spin.
     */
    public void drain(JobRun run) {
        if (run.dryRun()) {
            dryRun(run);
            return;
        }
        adoptLooseFiles(run.tenant());
        String uri = endpoint(run.tenant());
        // For the run's progress and time left: files dropped while it runs are taken too, and counted as they come.
        jobs.total(run.runId(), pending(run.tenant()).size());
        Set<String> seen = new HashSet<>();
        while (true) {
            Exchange file = consumer.receiveNoWait(uri);
            if (file == null) {
                return;
            }
            String name = file.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
            if (!seen.add(name)) {
                consumer.doneUoW(file);
                LOG.info("Claims inbox of {}: {} is left for the next run", run.tenant(), "a file that failed");
                return;
            }
            try {
                file.setVariable("jobRun", run);
                producer.send("direct:claim-file", file);
            } finally {
                consumer.doneUoW(file);
            }
        }
    }

    /**
     * Files dropped in the inbox itself rather than in a tenant's folder (one insurer's drop, or a person trying the hub):
     * moved into the default tenant's folder when a run of that tenant starts (hub.claims.default-tenant), so the same
     * file is then taken, once, as any other. Without a default tenant they stay where they are, and each run says so.
     */
    private void adoptLooseFiles(String tenant) {
        List<Path> loose = pendingIn(root);
        if (loose.isEmpty()) {
            return;
        }
        if (defaultTenant == null) {
            LOG.warn("Claims inbox: {} file(s) in {} itself, in no tenant's folder, are left there: put each in"
                    + " <inbox>/<tenant>/, or set hub.claims.default-tenant", loose.size(), root);
            return;
        }
        if (!defaultTenant.equals(tenant)) {
            return;
        }
        Path folder = Path.of(folder(tenant));
        for (Path file : loose) {
            try {
                Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // A file of the same name waits in the tenant's folder already: this one is taken by the next run.
                LOG.warn("Claims inbox: a loose file could not be moved into {}'s folder ({}); it is left for the next run",
                        tenant, e.getClass().getSimpleName());
            }
        }
    }

    /** A dry run reads and checks every file and records what would be done, moving none and admitting none. */
    private void dryRun(JobRun run) {
        List<Path> pending = pending(run.tenant());
        jobs.total(run.runId(), pending.size());
        for (Path path : pending) {
            String name = path.getFileName().toString();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("runId", run.runId());
            detail.put("job", JOB);
            String key;
            try {
                files.checkBefore(name, Files.size(path));
                ClaimFile read = files.read(name, Files.readAllBytes(path), run.tenant());
                key = read.key();
                detail.put("record", key);
                detail.put("proposal", "a hub request of the flow " + FLOW);
                jobs.record(run.runId(), key, JobOutcome.PROPOSED);
            } catch (ClaimFileRejected | IOException e) {
                key = "claim-file-rejected:" + ClaimFiles.sha256(name.getBytes(StandardCharsets.UTF_8));
                detail.put("record", key);
                detail.put("proposal", "to error/: " + e.getMessage());
                jobs.record(run.runId(), key, JobOutcome.FAILED);
            }
            audit.event("job-proposal", detail);
        }
    }

    /** The files waiting in the tenant's folder (not hidden, not partial uploads), by name. */
    private List<Path> pending(String tenant) {
        return pendingIn(Path.of(folder(tenant)));
    }

    private static List<Path> pendingIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(part|tmp|filepart)$"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the claims inbox " + dir, e);
        }
    }

    /** Reads and checks the file of the exchange (size first, unread when too big). */
    public ClaimFile read(Exchange exchange) {
        String name = exchange.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
        Long size = exchange.getMessage().getHeader(FileConstants.FILE_LENGTH, Long.class);
        exchange.setProperty(DESTINATION, "error/" + name);
        files.checkBefore(name, size == null ? Long.MAX_VALUE : size);
        GenericFile<?> file = exchange.getMessage().getBody(GenericFile.class);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file.getAbsoluteFilePath()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a file of the claims inbox", e);
        }
        JobRun run = exchange.getVariable("jobRun", JobRun.class);
        return files.read(name, bytes, run.tenant());
    }

    /**
     * The notice as a job record: its key is the file's digest; its subject is the policy's holder when the insurer
     * knows the policy it quotes, else the subject the notice names, else a subject of its own (claimant:<digest>), so
     * personal data in a notice of no known holder is sealed and erased on its own.
     */
    public JobRecord record(ClaimFile file, Optional<Policy> policy) {
        String subject = policy.map(Policy::customerId)
                .orElse(file.subjectId() != null ? file.subjectId() : "claimant:" + file.digest().substring(0, 16));
        return new JobRecord(file.key(), subject, file.text(), FLOW, Map.of("source", "claims-inbox"));
    }

    /** A notice that quotes no policy number. */
    public Optional<Policy> noPolicy() {
        return Optional.empty();
    }

    /** Handed over as a request (whatever its answer): the file goes to done/, beside the others of that name. */
    public void done(Exchange exchange, ClaimFile file) {
        String name = file.name();
        Path done = Path.of(folder(exchange.getVariable("jobRun", JobRun.class).tenant()), "done");
        String target = Files.exists(done.resolve(name)) ? file.digest().substring(0, 12) + "-" + name : name;
        exchange.setProperty(DESTINATION, "done/" + target);
    }

    /** Not a notice: to error/, with the reason beside it; the run counts it failed. */
    public void rejected(Exchange exchange, ClaimFileRejected reason) {
        JobRun run = exchange.getVariable("jobRun", JobRun.class);
        String name = exchange.getMessage().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
        Path error = Path.of(folder(run.tenant()), "error");
        try {
            Files.createDirectories(error);
            Files.writeString(error.resolve(name + ".reason.txt"), reason.getMessage() + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the reason of a refused claim file", e);
        }
        exchange.setProperty(DESTINATION, "error/" + name);
        jobs.record(run.runId(), "claim-file-rejected:" + ClaimFiles.sha256(name.getBytes(StandardCharsets.UTF_8)),
                JobOutcome.FAILED);
        LOG.info("Claims inbox of {}: a file was refused ({}) and moved to error/", run.tenant(), reason.getMessage());
    }

    /** A notice from JMS hub.claims, to be written into its tenant's folder. */
    public record JmsNotice(String tenant, String fileName, String body) {
    }

    /**
     * A JMS message on hub.claims as a file of its tenant's inbox: JSON {@code {tenant, subjectId?, policyNumber?, text}},
     * or plain text with the property {@code HubTenant}. Its sender (variable caller) must be a channel of that tenant.
     * The file holds the message's id (its {@code idempotencyKey}, else its JMS message id), so a redelivered message is
     * the same file (one request), and two messages with the same words are two notices.
     */
    public JmsNotice fromMessage(String body, String tenantProperty, String messageId, Caller caller) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A claim notice needs a text.");
        }
        ObjectNode notice;
        if ("json".equals(files.kindOfMessage(body))) {
            try {
                notice = (ObjectNode) json.readTree(body);
            } catch (IOException | ClassCastException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "The notice is not a JSON object.");
            }
        } else {
            notice = json.createObjectNode().put("text", body);
        }
        String tenant = notice.hasNonNull("tenant") ? notice.get("tenant").asText() : tenantProperty;
        if (tenantProperty != null && !tenantProperty.equals(tenant)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The HubTenant property and the notice name different tenants.");
        }
        folder(tenant);
        if (caller == null || !caller.holds(Role.CHANNEL, tenant)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The sender is not a channel of this tenant.");
        }
        notice.put("tenant", tenant);
        String id = notice.hasNonNull("idempotencyKey") ? notice.remove("idempotencyKey").asText() : messageId;
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The idempotency key is 1-200 letters, digits, ':', '.', '_' or '-'.");
        }
        notice.put("messageId", id);
        String fileName = "jms-" + ClaimFiles.sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 24) + ".json";
        return new JmsNotice(tenant, fileName, notice.toString());
    }
}
