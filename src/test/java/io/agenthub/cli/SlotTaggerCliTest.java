package io.agenthub.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** train's branch for an extracting capability checks its options before it reads or encodes anything. */
class SlotTaggerCliTest {

    private static final String FOLD0 = "datasets/nlupp/banking/fold0.json";
    private static final String FOLD1 = "datasets/nlupp/banking/fold1.json";

    @Test
    void badTaggerOptionsAreClearErrors() {
        CliRun cli = new CliRun();
        assertThat(cli.run("train", "--capability", "banking-slots", "--data", FOLD0, FOLD1, "--folds", "5")).isNotZero();
        assertThat(cli.err()).contains("--folds must be between 2 and the number of fold files (2)").doesNotContain("\tat ");

        cli = new CliRun();
        assertThat(cli.run("train", "--capability", "banking-slots", "--data", FOLD0, FOLD1, "--folds", "2",
                "--keep-rules", "amount_of_money,iban")).isNotZero();
        assertThat(cli.err()).contains("--keep-rules: no slot iban");

        cli = new CliRun();
        assertThat(cli.run("train", "--capability", "banking-slots", "--data", FOLD0, FOLD1, "--folds", "2",
                "--encoders", "all-minilm-l6-v2,bge-small-en-v1.5")).isNotZero();
        assertThat(cli.err()).contains("one --encoders");

        cli = new CliRun();
        assertThat(cli.run("train", "--capability", "banking-slots", "--data", FOLD0, FOLD1, "--folds", "2",
                "--hint-dropout", "1.5")).isNotZero();
        assertThat(cli.err()).contains("--hint-dropout must be between 0 and 1");
    }
}
