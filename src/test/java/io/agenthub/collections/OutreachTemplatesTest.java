package io.agenthub.collections;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** models/outreach/v1/collections.yaml: every bucket's message filled from the account, and files with mistakes refused. */
class OutreachTemplatesTest {

    private static final List<String> BUCKETS = List.of("pre-due", "1-30", "31-60", "61-90", "over-90");

    private static OutreachTemplates shipped() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("models/outreach/v1/collections.yaml"))) {
            return OutreachTemplates.read(in, BUCKETS);
        }
    }

    private static final DueAccount CARD = new DueAccount("K-3004", "CARD", "C-1001", "demo-bank", "CREDIT_CARD",
            new BigDecimal("1190.80"), "EUR", new BigDecimal("96.4"), LocalDate.of(2026, 10, 29), 38, Channel.EMAIL,
            false, null, null, ZoneId.of("Europe/Berlin"));

    @Test
    void eachBucketsMessageIsFilledFromTheAccountAndSaysItsVersion() throws IOException {
        OutreachTemplates templates = shipped();
        for (String bucket : List.of("pre-due", "1-30", "31-60", "61-90")) {
            ContactPlan plan = new ContactPlan(ContactPlan.Decision.CONTACT, bucket, "reminder", Channel.EMAIL, null, "r");

            OutreachTemplates.OutreachMessage message = templates.render(plan, CARD);

            assertThat(message.template()).isEqualTo("collections-" + bucket);
            assertThat(message.version()).isEqualTo("v1");
            assertThat(message.text()).contains("K-3004").contains("96.40 EUR").doesNotContain("${");
        }
        ContactPlan late = new ContactPlan(ContactPlan.Decision.CONTACT, "31-60", "reminder", Channel.EMAIL, null, "r");
        assertThat(templates.render(late, CARD).text()).contains("credit card K-3004").contains("2026-10-29")
                .contains("38 days ago");
    }

    @Test
    void anOfferAddsItsSentence() throws IOException {
        ContactPlan plan = new ContactPlan(ContactPlan.Decision.CONTACT, "61-90", "late", Channel.LETTER, "payment-plan", "r");

        assertThat(shipped().render(plan, CARD).text()).contains("in arrears").endsWith(
                "call us to set it up.");
    }

    @Test
    void aTemplateWithAnUnknownVariableOrAMissingBucketIsRefused() {
        String offers = "offers:\n  payment-plan: a\n  fee-waiver: b\n";
        assertThatThrownBy(() -> read("version: v9\ntemplates:\n  collections-pre-due: Dear ${name}\n"
                + "  collections-1-30: x\n  collections-31-60: x\n  collections-61-90: x\n" + offers))
                .hasMessageContaining("unknown variable ${name}");
        assertThatThrownBy(() -> read("version: v9\ntemplates:\n  collections-pre-due: x\n" + offers))
                .hasMessageContaining("no template collections-1-30");
        assertThatThrownBy(() -> read("version: v9\ntemplates:\n  collections-pre-due: x\n  collections-1-30: x\n"
                + "  collections-31-60: x\n  collections-61-90: x\noffers:\n  payment-plan: a\n"))
                .hasMessageContaining("no offer fee-waiver");
    }

    private static OutreachTemplates read(String yaml) throws IOException {
        return OutreachTemplates.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), BUCKETS);
    }
}
