package io.agenthub.intent;

import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.NamedCascades;
import io.agenthub.tenants.Tenant;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantCapabilitiesTest {

    private static final Tenant BANK = new Tenant("bank", "Bank", List.of());
    private static final Tenant INSURER = new Tenant("insurer", "Insurer", List.of(), null, null, "insurance-intent");

    private static CapabilityDeclaration declaration(String yaml) throws IOException {
        return DeclarationReader.read("processors/test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, CapabilityDeclaration> declared() throws IOException {
        String classifier = """
                capability: %s
                tiers:
                  - {name: people, kind: review-queue}
                """;
        return Map.of("banking77-intent", declaration(classifier.formatted("banking77-intent")),
                "insurance-intent", declaration(classifier.formatted("insurance-intent")),
                "claim-notice", declaration("""
                        capability: claim-notice
                        task: extract
                        schema: v1
                        tiers:
                          - {name: people, kind: review-queue}
                        """));
    }

    @Test
    void theFrontDoorNeedsTheHubsCapabilityAndEveryTenantsOwn() throws IOException {
        assertThat(TenantCapabilities.needed(List.of(BANK, INSURER), "banking77-intent", declared()))
                .containsExactly("banking77-intent", "insurance-intent");
        assertThat(TenantCapabilities.needed(List.of(BANK), "banking77-intent", declared())).containsExactly("banking77-intent");
    }

    @Test
    void aTenantNamingACapabilityNotDeclaredStopsTheStartNamingIt() {
        Tenant typo = new Tenant("insurer", "Insurer", List.of(), null, null, "insurence-intent");

        assertThatThrownBy(() -> TenantCapabilities.needed(List.of(BANK, typo), "banking77-intent", declared()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compliance/tenants.yaml: tenant 'insurer' capability 'insurence-intent' is not declared in"
                        + " processors/; the classifiers processors/ declares are banking77-intent, insurance-intent");
    }

    @Test
    void anExtractingCapabilityCannotSortRequests() {
        Tenant extracting = new Tenant("insurer", "Insurer", List.of(), null, null, "claim-notice");

        assertThatThrownBy(() -> TenantCapabilities.needed(List.of(extracting), "banking77-intent", declared()))
                .hasMessageContaining("tenant 'insurer' capability 'claim-notice' is not a classifier (it extracts)");
        assertThatThrownBy(() -> TenantCapabilities.needed(List.of(BANK), "no-such-intent", declared()))
                .hasMessageStartingWith("hub.front-door.capability 'no-such-intent' is not declared in processors/");
    }

    @Test
    void eachTenantIsClassifiedWithItsOwnCascadeAndOthersWithTheHubs() {
        CapabilityCascade banking = cascade("banking77-intent");
        CapabilityCascade insurance = cascade("insurance-intent");
        Map<String, CapabilityCascade> built = Map.of("banking77-intent", banking, "insurance-intent", insurance);

        TenantCapabilities byTenant = TenantCapabilities.of(List.of(BANK, INSURER), "banking77-intent", built::get);

        assertThat(byTenant.apply("insurer")).isSameAs(insurance);
        assertThat(byTenant.apply("bank")).isSameAs(banking);
        assertThat(byTenant.apply("unknown")).isSameAs(banking);
    }

    private static CapabilityCascade cascade(String capability) {
        return NamedCascades.named(capability);
    }
}
