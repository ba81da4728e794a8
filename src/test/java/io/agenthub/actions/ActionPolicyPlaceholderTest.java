package io.agenthub.actions;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An amount of the action policy may be a setting: {{key:default}} takes its default when read on its own. */
class ActionPolicyPlaceholderTest {

    private static ActionPolicy read(String yaml) throws IOException {
        return ActionPolicy.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static ProposedAction payment(String amount) {
        return new ProposedAction("pay-claim", "claim:CLM-1", Map.of(), new BigDecimal(amount), "EUR",
                ProposedAction.Risk.LOW, "x", Map.of());
    }

    @Test
    void theShippedPolicyReadsPayClaimsAmountsFromTheirDefaults() throws IOException {
        ActionPolicy policy;
        try (var in = Files.newInputStream(Path.of("compliance/actions.yaml"))) {
            policy = ActionPolicy.read(in);
        }

        assertThat(policy.ruleFor(payment("600"), "demo-insurer", "job").rule()).isEqualTo(ActionPolicy.RuleKind.VERIFY);
        assertThat(policy.ruleFor(payment("1000.01"), "demo-insurer", "job").rule()).isEqualTo(ActionPolicy.RuleKind.APPROVE);
        assertThat(policy.ruleFor(payment("10000.01"), "demo-insurer", "job").rule()).isEqualTo(ActionPolicy.RuleKind.FOUR_EYES);
    }

    @Test
    void aSettingWithoutADefaultRefusesThePolicy() {
        assertThatThrownBy(() -> read("""
                actions:
                  pay-claim:
                    kind: moves-money
                    rules:
                      - when: {amount-over: "{{hub.claims.nowhere}}"}
                        rule: approve
                      - rule: approve
                """)).hasMessageContaining("hub.claims.nowhere");
    }
}
