package io.agenthub.tenants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The tenants declared in {@code compliance/tenants.yaml}. */
public final class TenantDirectory {

    private static final String FILE = "compliance/tenants.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> KEYS = List.of("id", "name", "channels", "limits", "caller-limits", "capability");
    /** A capability id names processors/<id>.yaml and models/<id>/: kebab-case, as `agent-hub train` requires. */
    private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** What a tenant declares besides its limits, which are read by hand to name the tenant and key at fault. */
    private record Declared(String id, String name, List<String> channels, String capability) {
    }

    private final Map<String, Tenant> tenants;

    public TenantDirectory(List<Tenant> tenants) {
        this.tenants = tenants.stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Function.identity()));
    }

    /** @throws IllegalArgumentException naming the tenant and the key at fault */
    public static TenantDirectory fromYaml(InputStream yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        JsonNode declared = root == null ? null : root.get("tenants");
        if (declared == null || !declared.isArray() || declared.isEmpty()) {
            throw new IllegalArgumentException(FILE + " declares no tenants");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("tenants")) {
                throw new IllegalArgumentException(FILE + " has no key '" + key + "'; it lists tenants only");
            }
        }
        List<Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            tenants.add(tenant(declared.get(i), i));
        }
        List<String> ids = tenants.stream().map(Tenant::id).toList();
        ids.stream().filter(id -> ids.indexOf(id) != ids.lastIndexOf(id)).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException(FILE + " declares tenant '" + id + "' twice");
        });
        return new TenantDirectory(tenants);
    }

    private static Tenant tenant(JsonNode node, int index) {
        if (!node.isObject() || !node.path("id").isTextual() || node.path("id").textValue().isBlank()) {
            throw new IllegalArgumentException(FILE + ": tenant " + (index + 1) + " has no id");
        }
        String id = node.path("id").textValue();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(FILE + ": tenant '" + id + "' has no key '" + key + "'; its keys are "
                        + String.join(", ", KEYS));
            }
        }
        ObjectNode fields = node.deepCopy();
        JsonNode limitsNode = fields.remove("limits");
        JsonNode callerLimitsNode = fields.remove("caller-limits");
        try {
            Declared declared = YAML.treeToValue(fields, Declared.class);
            Limits limits = limitsNode == null ? null : Limits.read("limits", limitsNode, null);
            // A caller's limit left out is its tenant's: one caller may then use all of its tenant's share.
            Limits callerLimits = callerLimitsNode == null ? limits : Limits.read("caller-limits", callerLimitsNode, limits);
            String above = limits == null || callerLimits == null ? null : callerLimits.firstAbove(limits, "caller-limits", "limits");
            if (above != null) {
                throw new IllegalArgumentException(above + ": no caller may have more than its tenant");
            }
            if (declared.capability() != null && !CAPABILITY.matcher(declared.capability()).matches()) {
                throw new IllegalArgumentException("capability must name a capability of processors/ (kebab-case, e.g."
                        + " insurance-intent), not '" + declared.capability() + "'");
            }
            return new Tenant(declared.id(), declared.name(), declared.channels(), limits, callerLimits, declared.capability());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(FILE + ": tenant '" + id + "': " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FILE + ": tenant '" + id + "': " + e.getMessage());
        }
    }

    /** Every tenant, by id. */
    public List<Tenant> all() {
        return tenants.values().stream().sorted(Comparator.comparing(Tenant::id)).toList();
    }

    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(tenants.get(id));
    }
}
