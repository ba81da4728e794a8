package io.agenthub.flows.card;

import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.messages.ShippedMessages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LostCardPolicyTest {

    private final LostCardPolicy policy = new LostCardPolicy();
    private final Card visa = new Card("CRD-1", "C-1", "ACC-1", "4821", "VISA", "DEBIT", "ACTIVE", null);
    private final Card master = new Card("CRD-2", "C-1", "ACC-1", "3307", "MASTERCARD", "CREDIT", "ACTIVE", null);
    private final Card blocked = new Card("CRD-3", "C-1", "ACC-1", "6672", "MASTERCARD", "DEBIT", "BLOCKED", "LOST");

    private static HubRequest saying(String text) {
        return new HubRequest("demo-bank", "app", "C-1", text, null, null);
    }

    @Test
    void theOnlyActiveCardIsChosenAndLossIsTheDefaultReason() {
        CardChoice choice = policy.choose(saying("I lost my card"), List.of(visa, blocked));

        assertThat(choice.card()).isEqualTo(visa);
        assertThat(choice.reason()).isEqualTo(BlockReason.LOST);
    }

    @Test
    void theftWordsMakeTheReasonStolen() {
        assertThat(policy.choose(saying("I was pickpocketed on the tram"), List.of(visa)).reason()).isEqualTo(BlockReason.STOLEN);
        assertThat(policy.choose(saying("my card got stolen"), List.of(visa)).reason()).isEqualTo(BlockReason.STOLEN);
    }

    @Test
    void withTwoActiveCardsTheLastFourDigitsDecide() {
        assertThat(policy.choose(saying("lost the one ending 3307"), List.of(visa, master)).card()).isEqualTo(master);
        assertThat(policy.choose(saying("I lost a card"), List.of(visa, master)).decided()).isFalse();
        // digits inside a longer number are not a card ending
        assertThat(policy.choose(saying("call me on 0044821999"), List.of(visa, master)).decided()).isFalse();
    }

    @Test
    void unclearRequestsAskAndCustomersWithNoActiveCardAreReferred() {
        assertThat(policy.notBlocked(new CardChoice(null, BlockReason.LOST, List.of(visa, master), "two cards")).outcome())
                .isEqualTo(Outcome.NEEDS_INFORMATION);
        assertThat(policy.notBlocked(new CardChoice(null, BlockReason.LOST, List.of(), "no card")).outcome())
                .isEqualTo(Outcome.REFERRED);
    }

    @Test
    void aNamedCardThatIsNotAnActiveCardOfTheCustomerIsNeverSwappedForAnother() {
        CardChoice choice = policy.choose(saying("My card ending 4111 was stolen"), List.of(visa));

        assertThat(choice.decided()).isFalse();
        assertThat(choice.namedAnotherCard()).isTrue();
        assertThat(choice.why()).contains("4111");
        assertThat(policy.notBlocked(choice).outcome()).isEqualTo(Outcome.NEEDS_INFORMATION);
        assertThat(ShippedMessages.english().word("demo-bank", policy.notBlocked(choice)).message())
                .contains("4111").contains("no card was blocked");
        // other ways of naming a card
        assertThat(policy.choose(saying("the card ****4111 is gone"), List.of(visa)).decided()).isFalse();
        assertThat(policy.choose(saying("last four digits are 4111"), List.of(visa)).decided()).isFalse();
    }

    @Test
    void aYearOrOtherNumberIsNotACardAndTheOnlyActiveCardIsStillChosen() {
        assertThat(policy.choose(saying("I lost my card in March 2026"), List.of(visa)).card()).isEqualTo(visa);
        assertThat(policy.choose(saying("lost my wallet with 2000 euros"), List.of(visa)).card()).isEqualTo(visa);
    }

    @Test
    void aWholeCardNumberIsReadFromTheVaultAndMatchedByItsLastFourDigits() {
        LostCardPolicy withVault = new LostCardPolicy((request, token) ->
                token.equals("<CREDIT_CARD_1>") ? java.util.Optional.of("4000 0000 0000 3307") : java.util.Optional.empty());

        assertThat(withVault.choose(saying("my card <CREDIT_CARD_1> was stolen"), List.of(visa, master)).card()).isEqualTo(master);
        assertThat(withVault.choose(saying("my card <CREDIT_CARD_1> was stolen"), List.of(visa)).decided()).isFalse();
        // a number the vault no longer holds still names a card: ask, do not guess
        assertThat(withVault.choose(saying("my card <CREDIT_CARD_2> was stolen"), List.of(visa)).namedAnotherCard()).isTrue();
    }
}
