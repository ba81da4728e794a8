package io.agenthub.frontdoor;

import io.agenthub.tenants.Limits;
import io.agenthub.tenants.Tenant;
import io.agenthub.tenants.TenantDirectory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantDirectoryTest {

    private static TenantDirectory read(String yaml) throws IOException {
        return TenantDirectory.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String bank(String limits) {
        return """
                tenants:
                  - id: bank
                    name: Bank
                    channels: [app]
                """ + limits.indent(4);
    }

    @Test
    void theShippedTenantsAreEachLimitedAndTheirCallersMoreSo() throws IOException {
        TenantDirectory shipped;
        try (InputStream in = Files.newInputStream(Path.of("compliance/tenants.yaml"))) {
            shipped = TenantDirectory.fromYaml(in);
        }

        assertThat(shipped.all()).extracting(Tenant::id).containsExactly("demo-bank", "demo-insurer");
        for (Tenant tenant : shipped.all()) {
            assertThat(tenant.limits()).as(tenant.id()).isNotNull();
            assertThat(tenant.callerLimits().firstAbove(tenant.limits(), "caller-limits", "limits")).isNull();
        }
    }

    @Test
    void aCallerLimitLeftOutIsItsTenants() throws IOException {
        Tenant bank = read(bank("""
                limits: {requests-per-second: 50, burst: 100, concurrent: 16}
                caller-limits: {requests-per-second: 10}
                """)).find("bank").orElseThrow();

        assertThat(bank.limits()).isEqualTo(new Limits(50, 100, 16));
        assertThat(bank.callerLimits()).isEqualTo(new Limits(10, 100, 16));
    }

    @Test
    void aTenantWithoutLimitsIsNotLimited() throws IOException {
        Tenant bank = read(bank("")).find("bank").orElseThrow();

        assertThat(bank.limits()).isNull();
        assertThat(bank.callerLimits()).isNull();
    }

    @Test
    void everyFaultNamesTheTenantAndTheKey() {
        assertThatThrownBy(() -> read(bank("limits: {requests-per-second: 50, burst: 100}")))
                .hasMessage("compliance/tenants.yaml: tenant 'bank': limits.concurrent is required");
        assertThatThrownBy(() -> read(bank("limits: {requests-per-second: fast, burst: 100, concurrent: 4}")))
                .hasMessage("compliance/tenants.yaml: tenant 'bank': limits.requests-per-second must be a whole number"
                        + " from 1 to 1000000, not 'fast'");
        assertThatThrownBy(() -> read(bank("limits: {requests-per-second: 2.5, burst: 100, concurrent: 4}")))
                .hasMessageContaining("limits.requests-per-second must be a whole number").hasMessageContaining("not 2.5");
        assertThatThrownBy(() -> read(bank("limits: {requests-per-second: 5, burst: 0, concurrent: 4}")))
                .hasMessageContaining("tenant 'bank': limits.burst must be a whole number from 1");
        assertThatThrownBy(() -> read(bank("limits: {requests-per-second: 5, burst: 10, concurrent: 99999999999}")))
                .hasMessageContaining("tenant 'bank': limits.concurrent must be a whole number");
        assertThatThrownBy(() -> read(bank("limits: {rps: 5, burst: 10, concurrent: 4}")))
                .hasMessage("compliance/tenants.yaml: tenant 'bank': limits has no key 'rps'; its keys are"
                        + " requests-per-second, burst, concurrent");
        assertThatThrownBy(() -> read(bank("limits: 50")))
                .hasMessageContaining("tenant 'bank': limits must be a mapping");
        assertThatThrownBy(() -> read(bank("""
                limits: {requests-per-second: 5, burst: 10, concurrent: 4}
                caller-limits: {concurrent: 8}
                """)))
                .hasMessage("compliance/tenants.yaml: tenant 'bank': caller-limits.concurrent (8) is above limits.concurrent (4):"
                        + " no caller may have more than its tenant");
        assertThatThrownBy(() -> read(bank("caller-limits: {concurrent: 8}")))
                .hasMessage("compliance/tenants.yaml: tenant 'bank': caller-limits.requests-per-second is required");
        assertThatThrownBy(() -> read(bank("limit: {requests-per-second: 5, burst: 10, concurrent: 4}")))
                .hasMessage("compliance/tenants.yaml: tenant 'bank' has no key 'limit'; its keys are id, name, channels, limits,"
                        + " caller-limits, capability");
    }

    @Test
    void aTenantNamesItsFrontDoorCapabilityOrTakesTheHubs() throws IOException {
        TenantDirectory shipped;
        try (InputStream in = Files.newInputStream(Path.of("compliance/tenants.yaml"))) {
            shipped = TenantDirectory.fromYaml(in);
        }

        assertThat(shipped.find("demo-insurer").orElseThrow().capabilityOr("banking77-intent")).isEqualTo("insurance-intent");
        assertThat(shipped.find("demo-bank").orElseThrow().capability()).isNull();
        assertThat(shipped.find("demo-bank").orElseThrow().capabilityOr("banking77-intent")).isEqualTo("banking77-intent");
    }

    @Test
    void aCapabilityThatCannotNameADeclarationIsRefused() {
        assertThatThrownBy(() -> read(bank("capability: ../secrets")))
                .hasMessage("compliance/tenants.yaml: tenant 'bank': capability must name a capability of processors/"
                        + " (kebab-case, e.g. insurance-intent), not '../secrets'");
        assertThatThrownBy(() -> read(bank("capability: [a, b]"))).hasMessageStartingWith("compliance/tenants.yaml: tenant 'bank': ");
    }

    @Test
    void theFileItselfIsCheckedToo() {
        assertThatThrownBy(() -> read("tenants: []")).hasMessage("compliance/tenants.yaml declares no tenants");
        assertThatThrownBy(() -> read(bank("") + "limits: {}\n")).hasMessageContaining("has no key 'limits'");
        assertThatThrownBy(() -> read(bank("") + "  - id: bank\n")).hasMessageContaining("declares tenant 'bank' twice");
        assertThatThrownBy(() -> read("tenants:\n  - name: Nameless\n")).hasMessageContaining("tenant 1 has no id");
    }
}
