package io.agenthub.flows.claims;

import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.connectors.insurance.Claim;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimStatusesTest {

    private static final Claim IN_REVIEW = claim("CLM-2026-005207", "IN_REVIEW", "2026-10-31T09:05:00Z", null);
    private static final Claim REJECTED = claim("CLM-2026-003318", "REJECTED", "2026-08-17T15:40:00Z", null);
    private static final Claim SETTLED = claim("CLM-2025-009964", "SETTLED", "2025-12-29T10:12:00Z", new BigDecimal("1340"));

    private final ClaimStatuses statuses = new ClaimStatuses((request, token) ->
            Map.of("PHONE_NUMBER_1", "2026-005207", "PERSON_1", "Lena").entrySet().stream()
                    .filter(e -> e.getKey().equals(token)).map(Map.Entry::getValue).findFirst());

    @Test
    void aClaimNumberIsReadAsTypedOrFromTheTokenTheFrontDoorMadeOfItsDigits() {
        assertThat(statuses.claimNumber(request("any news on clm-2026-005207?"))).isEqualTo("CLM-2026-005207");
        assertThat(statuses.claimNumber(request("any news on CLM-<PHONE_NUMBER_1>?"))).isEqualTo("CLM-2026-005207");
        // a token after the prefix that is not a claim number's digits, a token elsewhere, no number at all
        assertThat(statuses.claimNumber(request("claim CLM-<PERSON_1> please"))).isNull();
        assertThat(statuses.claimNumber(request("my claim, call me on <PHONE_NUMBER_1>"))).isNull();
        assertThat(statuses.claimNumber(request("where is my claim up to"))).isNull();
    }

    @Test
    void theClaimAskedAfterIsToldWhenItIsTheCustomers() {
        FlowResult answer = statuses.answer("CLM-2025-009964", List.of(IN_REVIEW, SETTLED));

        assertThat(answer.outcome()).isEqualTo(Outcome.COMPLETED);
        ReplyText line = (ReplyText) answer.text().values().get("claim");
        assertThat(line.values()).containsEntry("claimNumber", "CLM-2025-009964").containsEntry("dateOfLoss", "2026-01-01");
        assertThat(line.values().get("state")).isEqualTo(ReplyText.of(ReplyKey.CLAIM_STATE_SETTLED, "amount", "1340.00", "currency", "GBP"));
    }

    @Test
    void aNumberThatIsNotAmongTheCustomersClaimsGoesToPeopleTellingNothing() {
        FlowResult answer = statuses.answer("CLM-2026-000001", List.of(IN_REVIEW));

        assertThat(answer.outcome()).isEqualTo(Outcome.REFERRED);
        assertThat(answer.text()).isEqualTo(ReplyText.of(ReplyKey.CLAIM_STATUS_NOT_FOUND, "claimNumber", "CLM-2026-000001"));
        assertThat(statuses.answer(null, List.of()).text()).isEqualTo(ReplyText.of(ReplyKey.CLAIM_STATUS_NONE));
        assertThat(statuses.answer(null, List.of()).outcome()).isEqualTo(Outcome.REFERRED);
    }

    @Test
    void withoutANumberTheOpenClaimsAreToldElseTheNewest() {
        FlowResult open = statuses.answer(null, List.of(REJECTED, IN_REVIEW, SETTLED));
        assertThat(open.text().key()).isEqualTo(ReplyKey.CLAIM_STATUS_ONE);
        assertThat(((ReplyText) open.text().values().get("claim")).values()).containsEntry("claimNumber", "CLM-2026-005207");

        FlowResult newest = statuses.answer(null, List.of(SETTLED, REJECTED));
        assertThat(((ReplyText) newest.text().values().get("claim")).values()).containsEntry("claimNumber", "CLM-2026-003318");

        Claim alsoOpen = claim("CLM-2026-007000", "OPEN", "2026-11-30T08:00:00Z", null);
        FlowResult two = statuses.answer(null, List.of(IN_REVIEW, alsoOpen, SETTLED));
        assertThat(two.text().key()).isEqualTo(ReplyKey.CLAIM_STATUS_MANY);
        ReplyText.Joined lines = (ReplyText.Joined) two.text().values().get("claims");
        assertThat(lines.items()).extracting(item -> ((ReplyText) item).values().get("claimNumber"))
                .containsExactly("CLM-2026-007000", "CLM-2026-005207");
    }

    @Test
    void aStatusTheHubHasNoWordsForIsSaidToBeWithTheClaimsTeam() {
        Claim odd = claim("CLM-2026-008000", "REOPENED", "2026-11-01T08:00:00Z", null);

        ReplyText line = (ReplyText) statuses.answer("CLM-2026-008000", List.of(odd)).text().values().get("claim");

        assertThat(line.values().get("state")).isEqualTo(ReplyText.of(ReplyKey.CLAIM_STATE_OTHER));
    }

    private static HubRequest request(String text) {
        return new HubRequest("demo-insurer", "app", "C-1002", text, "k", null);
    }

    private static Claim claim(String number, String status, String reportedAt, BigDecimal settled) {
        return new Claim(number, "POL-X", "C-1002", status, LocalDate.parse(number.startsWith("CLM-2025") ? "2026-01-01" : "2026-10-30"),
                "WATER_DAMAGE", null, "GBP", Instant.parse(reportedAt), settled);
    }
}
