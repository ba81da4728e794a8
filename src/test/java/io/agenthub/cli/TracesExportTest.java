package io.agenthub.cli;

import io.agenthub.api.HubRequest;
import io.agenthub.app.JsonMapper;
import io.agenthub.config.HubSettings;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.slm.LabelledData;
import io.agenthub.store.Database;
import io.agenthub.store.GoldenExamples;
import io.agenthub.store.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code traces export} writes people's labelled decisions in the format {@code train} reads, and nothing else. */
class TracesExportTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    /** A hub's database in {@code dataDir}, holding the decisions of four requests. */
    private void aHubWhosePeopleDecided() {
        Database database = new Database(HubSettings.offline(null, dataDir).database());
        database.start();
        try {
            Ledger ledger = Ledger.open(database.dataSource(), JsonMapper.create(), Clock.systemUTC());
            GoldenExamples examples = new GoldenExamples(database.dataSource(), JsonMapper.create(), Clock.systemUTC());
            String lost = admit(ledger, "I had it at the station, now it is gone");
            String weather = admit(ledger, "What is the weather like in <LOCATION_1>?");
            String answered = admit(ledger, "Can I pay my mortgage early?");
            String contested = admit(ledger, "Where is my new card?");
            String erased = admit(ledger, "<erased>");
            examples.record("banking77-intent", "demo-bank", lost, "I had it at the station, now it is gone",
                    "lost_or_stolen_card", null, GoldenExamples.Kind.RESOLUTION, "alice@agent-hub", null);
            examples.record("banking77-intent", "demo-bank", weather, "What is the weather like in <LOCATION_1>?",
                    "out_of_scope", null, GoldenExamples.Kind.OUT_OF_SCOPE, "alice@agent-hub", null);
            examples.record("banking77-intent", "demo-bank", answered, "Can I pay my mortgage early?", null, null,
                    GoldenExamples.Kind.ANSWER, "alice@agent-hub", null);
            // upheld first, then a later review overturned it: the later decision is the request's last word
            examples.record("banking77-intent", "demo-bank", contested, "Where is my new card?", "lost_or_stolen_card", null,
                    GoldenExamples.Kind.RESOLUTION, "bob@agent-hub", null);
            examples.record("banking77-intent", "demo-bank", contested, "Where is my new card?", "card_arrival", null,
                    GoldenExamples.Kind.OVERTURN, "carol@agent-hub", null);
            examples.record("banking77-intent", "demo-bank", erased, "<erased>", "card_arrival", null,
                    GoldenExamples.Kind.RESOLUTION, "alice@agent-hub", null);
            examples.record("clinc150-intent", "demo-bank", lost, "I had it at the station, now it is gone", "oos", null,
                    GoldenExamples.Kind.OUT_OF_SCOPE, "alice@agent-hub", null);
        } finally {
            database.stop();
        }
    }

    private static String admit(Ledger ledger, String text) {
        return ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", "C-1", text, null, null)),
                null, "app@test").requestId();
    }

    @Test
    void theLabelledDecisionsRoundTripThroughTheReaderTrainUses() throws Exception {
        aHubWhosePeopleDecided();
        Path out = work.resolve("corrections.jsonl");
        CliRun cli = new CliRun();

        int exit = cli.run("traces", "export", "--capability", "banking77-intent", "--out", out.toString(),
                "--data-dir", dataDir.toString());

        assertThat(exit).as(cli.err()).isZero();
        LabelledData data = LabelledData.read(List.of(out));
        assertThat(data.examples()).containsExactly(
                new LabelledData.Example("I had it at the station, now it is gone", "lost_or_stolen_card"),
                new LabelledData.Example("What is the weather like in <LOCATION_1>?", "out_of_scope"),
                new LabelledData.Example("Where is my new card?", "card_arrival"));
        assertThat(cli.out()).contains("Wrote 3 examples of banking77-intent")
                .contains("1 without a label").contains("1 whose text was erased").contains("1 replaced by a later decision");
    }

    @Test
    void anExistingFileIsOverwrittenOnlyWithForce() throws Exception {
        aHubWhosePeopleDecided();
        Path out = work.resolve("corrections.jsonl");
        Files.writeString(out, "{\"text\": \"mine\", \"label\": \"keep\"}\n");
        CliRun cli = new CliRun();

        assertThat(cli.run("traces", "export", "--capability", "banking77-intent", "--out", out.toString(),
                "--data-dir", dataDir.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("exists; pass --force");
        assertThat(Files.readString(out)).contains("mine");

        assertThat(cli.run("traces", "export", "--capability", "banking77-intent", "--out", out.toString(),
                "--data-dir", dataDir.toString(), "--force")).isZero();
        assertThat(LabelledData.read(List.of(out)).examples()).hasSize(3);
    }

    @Test
    void nothingIsWrittenWithoutLabelledExamplesOrOutsideTheFormat() throws Exception {
        aHubWhosePeopleDecided();
        CliRun cli = new CliRun();

        Path none = work.resolve("none.jsonl");
        assertThat(cli.run("traces", "export", "--capability", "no-such-capability", "--out", none.toString(),
                "--data-dir", dataDir.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("no labelled examples of no-such-capability");
        assertThat(none).doesNotExist();

        assertThat(cli.run("traces", "export", "--capability", "banking77-intent", "--out", work.resolve("x.csv").toString(),
                "--data-dir", dataDir.toString())).isEqualTo(2);
        assertThat(cli.run("traces", "export", "--capability", "banking77-intent", "--out", none.toString(),
                "--data-dir", work.resolve("empty").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("no hub database");
    }
}
