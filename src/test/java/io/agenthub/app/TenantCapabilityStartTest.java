package io.agenthub.app;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tenant whose front door names a capability processors/ does not declare stops the hub at start, saying so. */
class TenantCapabilityStartTest {

    @Test
    void theHubDoesNotStartForATenantNamingAnUnknownCapability() throws Exception {
        RunningHub hub = new RunningHub().withTenants("""
                tenants:
                  - id: demo-bank
                    name: Demo Bank
                  - id: demo-insurer
                    name: Demo Insurance
                    capability: insurence-intent
                """);
        try {
            assertThatThrownBy(() -> hub.beforeAll(null))
                    .hasStackTraceContaining("compliance/tenants.yaml: tenant 'demo-insurer' capability 'insurence-intent'"
                            + " is not declared in processors/; the classifiers processors/ declares are banking77-intent,"
                            + " clinc150-intent, insurance-intent");
        } finally {
            hub.afterAll(null);
        }
    }
}
