package io.agenthub.extract;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts of money: currency signs and words on either side, scales, and bare numbers framed as money. */
class AmountRecognizerTest {

    private final AmountRecognizer amounts = new AmountRecognizer();

    private List<Slot> found(String text) {
        List<Slot> found = new ArrayList<>();
        amounts.find(text, found);
        return found;
    }

    private Money money(String text) {
        List<Slot> found = found(text);
        assertThat(found).as(text).hasSize(1);
        return (Money) found.get(0).value();
    }

    @Test
    void signsAndWordsOnEitherSideNameTheCurrency() {
        assertThat(money("yes refund me the £27")).isEqualTo(new Money(new BigDecimal("27"), "GBP"));
        assertThat(money("I want that 40€ back!")).isEqualTo(new Money(new BigDecimal("40"), "EUR"));
        assertThat(money("a transfer of 56.79 pounds")).isEqualTo(new Money(new BigDecimal("56.79"), "GBP"));
        assertThat(money("It was 84$")).isEqualTo(new Money(new BigDecimal("84"), "USD"));
        assertThat(money("send $1,200.50 today")).isEqualTo(new Money(new BigDecimal("1200.50"), "USD"));
        assertThat(money("over 1 thousand dollars?")).isEqualTo(new Money(new BigDecimal("1000"), "USD"));
        assertThat(money("more than a thousand pounds")).isEqualTo(new Money(new BigDecimal("1000"), "GBP"));
        assertThat(found("ah, 3661 euros").get(0).text()).isEqualTo("3661 euros");
    }

    @Test
    void aBareNumberIsMoneyOnlyWhereItsWordsSaySo() {
        assertThat(money("did I spend more than 400 in groceries")).isEqualTo(new Money(new BigDecimal("400"), Money.AMBIGUOUS));
        assertThat(money("can i make a 800 transfer to greogry")).isEqualTo(new Money(new BigDecimal("800"), Money.AMBIGUOUS));
        assertThat(money("Did I spend more than 400.")).isEqualTo(new Money(new BigDecimal("400"), Money.AMBIGUOUS));
        assertThat(found("Create 6 new standing orders.")).isEmpty();
        assertThat(found("I'm waiting already 6 days")).isEmpty();
        assertThat(found("a pound coin")).isEmpty();
    }

    /** Every labelled amount in NLU++ banking (ten folds), counted as the target counts: name and text. */
    @Test
    void findsThemInNluPlusPlusBanking() throws IOException {
        SlotScore score = SlotScore.of(LabelledTurn.readNlupp(Path.of("datasets/nlupp/banking"), JsonMapper.builder().build()),
                Set.of("amount_of_money"), text -> {
                    List<Slot> found = new ArrayList<>();
                    amounts.find(text, found);
                    return found;
                });
        System.out.println("amount_of_money on NLU++ banking: " + score);
        assertThat(score.precision()).isGreaterThan(0.9);
        assertThat(score.recall()).isGreaterThan(0.9);
    }
}
