package io.agenthub.frontdoor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tenants declared in {@code compliance/tenants.yaml}. */
public final class TenantDirectory {

    private record TenantsFile(List<Tenant> tenants) {
    }

    private final Map<String, Tenant> tenants;

    public TenantDirectory(List<Tenant> tenants) {
        this.tenants = tenants.stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Function.identity()));
    }

    public static TenantDirectory fromYaml(InputStream yaml) throws IOException {
        TenantsFile file = new ObjectMapper(new YAMLFactory()).readValue(yaml, TenantsFile.class);
        if (file.tenants() == null || file.tenants().isEmpty()) {
            throw new IllegalArgumentException("tenants.yaml declares no tenants");
        }
        return new TenantDirectory(file.tenants());
    }

    /** Every tenant, by id. */
    public List<Tenant> all() {
        return tenants.values().stream().sorted(Comparator.comparing(Tenant::id)).toList();
    }

    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(tenants.get(id));
    }
}
