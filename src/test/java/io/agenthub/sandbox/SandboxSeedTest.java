package io.agenthub.sandbox;

import io.agenthub.sandbox.BankingModel.Card;
import io.agenthub.sandbox.BankingModel.CardStatus;
import io.agenthub.sandbox.BankingModel.CardType;
import io.agenthub.sandbox.InsuranceModel.Policy;
import io.agenthub.sandbox.InsuranceModel.PolicyStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxSeedTest {

    private final SandboxSeed seed = SandboxClient.seed();

    private List<Card> cardsOf(String customerId) {
        return seed.coreBanking().cards().stream().filter(c -> c.customerId().equals(customerId)).toList();
    }

    @Test
    void theShippedSeedHasFiveCustomersWithAboutTenTransactionsEach() {
        assertThat(seed.coreBanking().customers()).extracting(BankingModel.Customer::customerId)
                .containsExactly("C-1001", "C-1002", "C-1003", "C-1004", "C-1005");
        Map<String, Long> perCustomer = seed.coreBanking().transactions().stream()
                .collect(Collectors.groupingBy(t -> t.accountId().substring(4, 8), Collectors.counting()));
        assertThat(perCustomer).hasSize(5).allSatisfy((customer, count) -> assertThat(count).isBetween(10L, 12L));
    }

    @Test
    void c1001HasExactlyOneActiveDebitCard() {
        assertThat(cardsOf("C-1001")).singleElement()
                .satisfies(c -> assertThat(c.type()).isEqualTo(CardType.DEBIT))
                .satisfies(c -> assertThat(c.status()).isEqualTo(CardStatus.ACTIVE));
    }

    @Test
    void c1002HasTwoActiveCardsTellableApartByLast4() {
        assertThat(cardsOf("C-1002")).hasSize(2).allMatch(c -> c.status() == CardStatus.ACTIVE)
                .extracting(Card::last4).doesNotHaveDuplicates();
    }

    @Test
    void c1003sOnlyCardIsAlreadyBlocked() {
        assertThat(cardsOf("C-1003")).singleElement().satisfies(c -> assertThat(c.blocked()).isTrue());
    }

    @Test
    void everySeededIbanHasValidCheckDigits() {
        assertThat(seed.coreBanking().accounts()).allSatisfy(a -> assertThat(Iban.isValid(a.iban())).as(a.iban()).isTrue());
    }

    @Test
    void everyCustomerHoldsOneOrTwoPoliciesAndExactlyOneIsLapsed() {
        Map<String, Long> perCustomer = seed.insurance().policies().stream()
                .collect(Collectors.groupingBy(Policy::customerId, Collectors.counting()));
        assertThat(perCustomer).containsOnlyKeys("C-1001", "C-1002", "C-1003", "C-1004", "C-1005")
                .allSatisfy((customer, count) -> assertThat(count).isBetween(1L, 2L));
        assertThat(seed.insurance().policies()).filteredOn(p -> p.status() == PolicyStatus.LAPSED)
                .extracting(Policy::policyNumber).containsExactly("POL-MOT-100871");
        assertThat(seed.insurance().claims()).isNotEmpty().allMatch(c -> c.claimNumber().startsWith("CLM-"));
    }

    @Test
    void aSeedWithDanglingReferencesIsRejectedListingEveryProblem() throws IOException {
        String bank = Files.readString(SandboxClient.SEED_DIR.resolve("core-banking-seed.json"))
                .replace("\"accountId\": \"ACC-1002-01\",\n      \"last4\"", "\"accountId\": \"ACC-0000-00\",\n      \"last4\"")
                .replace("DE37760260000012345017", "DE00760260000012345017");
        String insurance = Files.readString(SandboxClient.SEED_DIR.resolve("insurance-seed.json"))
                .replace("\"dateOfLoss\": \"2026-05-09\"", "\"dateOfLoss\": \"2025-05-09\"");

        assertThatThrownBy(() -> SandboxSeed.fromStreams(stream(bank), stream(insurance)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("references unknown account ACC-0000-00")
                .hasMessageContaining("invalid IBAN DE00760260000012345017")
                .hasMessageContaining("claim CLM-2026-004512 date of loss 2025-05-09 is outside its policy period");
    }

    @Test
    void aMisspelledSeedFieldIsRejected() throws IOException {
        String bank = Files.readString(SandboxClient.SEED_DIR.resolve("core-banking-seed.json"))
                .replaceFirst("\"segment\"", "\"segmnet\"");
        String insurance = Files.readString(SandboxClient.SEED_DIR.resolve("insurance-seed.json"));

        assertThatThrownBy(() -> SandboxSeed.fromStreams(stream(bank), stream(insurance)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmnet");
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
