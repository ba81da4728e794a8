package io.agenthub.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;

import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/jobs/{name}/runs}: {@code {"dryRun":false}}, and {@code "tenant"} when the operator
 * works for more than one. An empty body is a real run. Read strictly: unknown keys, duplicate keys and wrong types
 * are refused with 400, since a typo in {@code dryRun} must not start a real run.
 */
public record JobRunRequest(boolean dryRun, String tenant) {

    private static final Set<String> KEYS = Set.of("dryRun", "tenant");

    public static JobRunRequest read(byte[] body, ObjectMapper mapper) {
        if (body == null || body.length == 0) {
            return new JobRunRequest(false, null);
        }
        JsonNode node = new StrictJson(mapper).read(body);
        if (!node.isObject()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Send a JSON object: {\"dryRun\":false}.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "Unknown field '" + name
                        + "'; a run takes dryRun and tenant.");
            }
        }
        JsonNode dryRun = node.path("dryRun");
        if (!dryRun.isMissingNode() && !dryRun.isBoolean()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "dryRun is true or false.");
        }
        JsonNode tenant = node.path("tenant");
        if (!tenant.isMissingNode() && !tenant.isNull() && !tenant.isTextual()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "tenant is a tenant's id.");
        }
        return new JobRunRequest(dryRun.asBoolean(false), tenant.isTextual() ? tenant.asText() : null);
    }
}
