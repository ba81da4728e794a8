package io.agenthub.app;

import io.agenthub.api.HubRequest;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.Database;
import io.agenthub.testing.MemoryDatabase;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under run --reload, compliance/pii.yaml is read again when it changes: a recogniser a compliance officer adds
 * applies to the next request; a file with a mistake is refused and the rules in use are kept.
 */
class PiiReloadTest {

    private static final String BSN = """

              - name: nl-bsn
                type: custom
                supported_entity: NL_BSN
                patterns: [{name: bsn, regex: '\\b\\d{9}\\b', score: 0.4}]
                context: [bsn]
                checksum: elfproef
            # Treatment, per type""";

    private Database database;
    private SubjectVault vault;

    @BeforeEach
    void openVault() {
        database = MemoryDatabase.started("pii-reload");
        vault = new SubjectVault(database.dataSource(), MasterKey.of(Base64.getEncoder().encodeToString(new byte[32])),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void aRecogniserAddedWhileTheHubRunsAppliesToTheNextRequestAndAMistakeKeepsTheRulesInUse(@TempDir Path home)
            throws IOException {
        // the shipped file, the tagger off so that no model is loaded here
        String shipped = Files.readString(Path.of("compliance/pii.yaml"))
                .replace("    model: pii-tagger/v5 ", "    enabled: false\n    model: pii-tagger/v5 ");
        Path pii = Files.createDirectories(home.resolve("compliance")).resolve("pii.yaml");
        Files.writeString(pii, shipped);
        PersonalDataRules rules = new PersonalDataRules(relative -> Files.newInputStream(home.resolve(relative)),
                io.agenthub.app.JsonMapper.create(), null);
        Pseudonymiser door = rules.start(vault, true);
        // without the officer's recogniser, nine digits that fit a numbering plan are taken for a phone number
        assertThat(redacted(door)).isEqualTo("My BSN is <PHONE_NUMBER_1>");

        Files.writeString(pii, shipped.replace("\n# Treatment, per type", BSN));
        rules.reload();
        assertThat(redacted(door)).isEqualTo("My BSN is <NL_BSN_1>");

        Files.writeString(pii, shipped.replace("\n# Treatment, per type", BSN.replace("elfproef", "elfproof")));
        rules.reload();
        assertThat(redacted(door)).isEqualTo("My BSN is <NL_BSN_1>");
    }

    private static String redacted(Pseudonymiser door) {
        return door.redact(new HubRequest("demo-bank", "app", "C-1", "My BSN is 111222333", null, null)).request().text();
    }
}
