package io.agenthub.flows.card;

import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.flows.Outcome;
import io.agenthub.frontdoor.HubRequest;
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
}
