package io.agenthub.flows.fraud;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replies the rules were checked on, each with the reading a person would give it: written as customers answer a
 * text message "Reply YES if you did, or NO if you did not" (short, lower case, typos of apostrophes, a word more).
 * A card is blocked only on a plain denial; anything a person could read two ways goes to people.
 */
class CustomerReplyRulesTest {

    private final CustomerReplyRules rules = new CustomerReplyRules();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NO                                         | CONFIRMED_FRAUD
            no.                                        | CONFIRMED_FRAUD
            Nope                                       | CONFIRMED_FRAUD
            that wasn't me                             | CONFIRMED_FRAUD
            That wasn’t me!                            | CONFIRMED_FRAUD
            it was not me                              | CONFIRMED_FRAUD
            wasnt me                                   | CONFIRMED_FRAUD
            Not me                                     | CONFIRMED_FRAUD
            not mine, please block the card            | CONFIRMED_FRAUD
            I didn't make this payment                 | CONFIRMED_FRAUD
            I never made that purchase                 | CONFIRMED_FRAUD
            I don't recognise it                       | CONFIRMED_FRAUD
            i do not recognize this                    | CONFIRMED_FRAUD
            my card was stolen                         | CONFIRMED_FRAUD
            this is fraud                              | CONFIRMED_FRAUD
            YES                                        | NOT_FRAUD
            yes it was me                              | NOT_FRAUD
            Yes, that was me, thanks                   | NOT_FRAUD
            yep                                        | NOT_FRAUD
            that's me                                  | NOT_FRAUD
            it was mine                                | NOT_FRAUD
            I made it                                  | NOT_FRAUD
            I paid that at the airport                 | NOT_FRAUD
            Yes that wasn't me                         | UNCLEAR
            no it was me                               | UNCLEAR
            which payment?                             | UNCLEAR
            who is this                                | UNCLEAR
            call me please                             | UNCLEAR
            ok                                         | UNCLEAR
            maybe, my son has my card                  | UNCLEAR
            STOP                                       | UNCLEAR
            """)
    void readsRepliesAsAPersonWould(String reply, ReplyReading.Verdict expected) {
        assertThat(rules.read(reply).verdict()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'   '", "''"})
    void anEmptyReplyIsUnclear(String reply) {
        assertThat(rules.read(reply).verdict()).isEqualTo(ReplyReading.Verdict.UNCLEAR);
    }

    @org.junit.jupiter.api.Test
    void aLongReplyIsForPeopleToRead() {
        String story = "yes " + "I was travelling and bought a few things, ".repeat(5);
        assertThat(rules.read(story)).isEqualTo(new ReplyReading(ReplyReading.Verdict.UNCLEAR, "too-long"));
    }

    @org.junit.jupiter.api.Test
    void theRuleThatReadItIsNamed() {
        assertThat(rules.read("that wasn't me").rule()).isEqualTo("denial:not-me");
        assertThat(rules.read("yes").rule()).isEqualTo("confirmation:yes");
        assertThat(rules.read("no it was me").rule()).startsWith("both:");
    }
}
