package io.agenthub.intent;

import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.tenants.Tenant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which capability classifies each tenant's requests at the front door: the tenant's own ({@code capability:} in
 * {@code compliance/tenants.yaml}), else the hub's ({@code hub.front-door.capability}). A bank's customers are asked
 * about cards and transfers, an insurer's about claims and cover, so each is classified with labels that mean
 * something for it; the labels of every front-door capability share {@code routes/intent-flows.yaml}.
 */
public final class TenantCapabilities implements Function<String, CapabilityCascade> {

    private final Map<String, CapabilityCascade> byTenant;
    private final CapabilityCascade hubDefault;

    private TenantCapabilities(Map<String, CapabilityCascade> byTenant, CapabilityCascade hubDefault) {
        this.byTenant = Map.copyOf(byTenant);
        this.hubDefault = hubDefault;
    }

    /**
     * The classifying capabilities the front door needs: the hub's and every tenant's, in that order.
     *
     * @param declared what {@code processors/} declares, by capability id
     * @throws IllegalArgumentException naming the tenant (or the setting) whose capability is not a classifier
     *                                  {@code processors/} declares, and the ones it does
     */
    public static Set<String> needed(List<Tenant> tenants, String hubDefault, Map<String, CapabilityDeclaration> declared) {
        Set<String> needed = new LinkedHashSet<>();
        check(hubDefault, "hub.front-door.capability", declared);
        needed.add(hubDefault);
        for (Tenant tenant : tenants) {
            if (tenant.capability() != null) {
                check(tenant.capability(), "compliance/tenants.yaml: tenant '" + tenant.id() + "' capability", declared);
                needed.add(tenant.capability());
            }
        }
        return needed;
    }

    private static void check(String capability, String where, Map<String, CapabilityDeclaration> declared) {
        CapabilityDeclaration declaration = declared.get(capability);
        if (declaration == null || declaration.task() != CapabilityDeclaration.Task.CLASSIFY) {
            Set<String> classifiers = new TreeSet<>();
            declared.forEach((id, d) -> {
                if (d.task() == CapabilityDeclaration.Task.CLASSIFY) {
                    classifiers.add(id);
                }
            });
            throw new IllegalArgumentException(where + " '" + capability + "' is not "
                    + (declaration == null ? "declared in processors/" : "a classifier (it extracts)")
                    + "; the classifiers processors/ declares are " + String.join(", ", classifiers));
        }
    }

    /**
     * @param cascades the cascades built for {@link #needed}, by capability id
     */
    public static TenantCapabilities of(Collection<Tenant> tenants, String hubDefault, Function<String, CapabilityCascade> cascades) {
        CapabilityCascade fallback = Objects.requireNonNull(cascades.apply(hubDefault), hubDefault);
        Map<String, CapabilityCascade> byTenant = new LinkedHashMap<>();
        for (Tenant tenant : tenants) {
            byTenant.put(tenant.id(), Objects.requireNonNull(cascades.apply(tenant.capabilityOr(hubDefault)), tenant.id()));
        }
        return new TenantCapabilities(byTenant, fallback);
    }

    /** The cascade that classifies {@code tenant}'s requests; the hub's for a tenant it does not know. */
    @Override
    public CapabilityCascade apply(String tenant) {
        return tenant == null ? hubDefault : byTenant.getOrDefault(tenant, hubDefault);
    }
}
