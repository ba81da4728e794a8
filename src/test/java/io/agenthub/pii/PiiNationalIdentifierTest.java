package io.agenthub.pii;

import io.agenthub.api.DataSubject;
import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.store.Database;
import io.agenthub.testing.MemoryDatabase;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compliance officer adds a national identifier to the shipped compliance/pii.yaml, as text, without a rebuild: the
 * Dutch BSN (nine digits passing the eleven-test, after a context word) tokenised; and has the shipped UK National
 * Insurance number dropped instead of tokenised. The hub then finds them, and treats each as the file says.
 */
class PiiNationalIdentifierTest {

    private static final DataSubject CUSTOMER = new DataSubject("demo-bank", "C-1");

    private Database database;
    private SubjectVault vault;

    /** The shipped file with the officer's recogniser pasted into its list, its treatment added, the NINO's changed. */
    static String shippedFileWithNationalIdentifiers() throws IOException {
        String shipped = Files.readString(Path.of("compliance/pii.yaml"));
        String added;
        try (InputStream in = PiiNationalIdentifierTest.class.getResourceAsStream("/pii/national-ids.yaml")) {
            added = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int treatments = shipped.indexOf("\n# Treatment, per type");
        assertThat(treatments).as("the shipped file's treatments section").isPositive();
        assertThat(shipped).contains("  UK_NINO: token\n");
        return (shipped.substring(0, treatments + 1) + added + shipped.substring(treatments + 1)).replace("  UK_NINO: token\n", "")
                + "  NL_BSN: token\n  UK_NINO: drop\n";
    }

    @BeforeEach
    void openVault() {
        database = MemoryDatabase.started("national-ids");
        vault = new SubjectVault(database.dataSource(), MasterKey.of(Base64.getEncoder().encodeToString(new byte[32])),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void aBsnAfterItsContextWordIsTokenisedAndANinoDropped() throws IOException {
        PiiSettings settings = settings(shippedFileWithNationalIdentifiers());
        Pseudonymiser door = new Pseudonymiser(settings.detector(null, model -> name -> null), settings::treatment, vault, true);

        RedactedRequest redacted = door.redact(new HubRequest("demo-bank", "app", CUSTOMER.subjectId(),
                "My BSN is 111222333 and my national insurance number is AB 12 34 56 C.", null, null));

        assertThat(redacted.request().text())
                .isEqualTo("My BSN is <NL_BSN_1> and my national insurance number is <UK_NINO>.");
        assertThat(redacted.found()).containsEntry(PiiType.valueOf("NL_BSN"), 1).containsEntry(PiiType.valueOf("UK_NINO"), 1);
        // the BSN is sealed in the customer's vault; the dropped NINO is kept nowhere
        assertThat(vault.reveal(CUSTOMER, "NL_BSN_1")).contains("111222333");
        assertThat(vault.entries(CUSTOMER)).extracting(SubjectVault.Entry::type).containsExactly(PiiType.valueOf("NL_BSN"));
    }

    @Test
    void aBsnNeedsItsContextWordAndItsElevenTest() throws IOException {
        PiiDetector detector = settings(shippedFileWithNationalIdentifiers()).detector(null, model -> name -> null);

        assertThat(types(detector, "My BSN is 111222333")).containsExactly("NL_BSN");
        // nine digits alone score 0.4, under minScore
        assertThat(types(detector, "Parcel 111222333 arrived")).doesNotContain("NL_BSN");
        // 111222334 fails the eleven-test, context or not
        assertThat(types(detector, "My BSN is 111222334")).doesNotContain("NL_BSN");
        // an eight-digit BSN is read with a leading zero
        assertThat(Checksums.elfproef("11222335")).isTrue();
        assertThat(Checksums.elfproef("11222336")).isFalse();
    }

    @Test
    void theComplianceRecordAndTheTypesListTheNewKinds() throws IOException {
        PiiSettings settings = settings(shippedFileWithNationalIdentifiers());

        assertThat(settings.types()).extracting(PiiType::name).endsWith("DE_TAX_ID", "NL_BSN", "UK_NINO");
        assertThat(settings.treatment(PiiType.valueOf("UK_NINO"))).isEqualTo(PiiTreatment.DROP);
        assertThat(settings.recognizers().custom()).extracting(RecognizerDeclaration.Custom::name)
                .containsExactly("uk-nino", "de-tax-id", "nl-bsn");
    }

    @Test
    void withoutTheOfficersLinesTheShippedFileFindsTheNinoNotTheBsn() throws IOException {
        PiiSettings shipped = settings(Files.readString(Path.of("compliance/pii.yaml")));
        PiiDetector detector = shipped.detector(null, model -> name -> null);

        assertThat(types(detector, "My BSN is 111222333 and my NINO is AB 12 34 56 C"))
                .doesNotContain("NL_BSN").contains("UK_NINO");
        assertThat(shipped.treatment(PiiType.valueOf("UK_NINO"))).isEqualTo(PiiTreatment.TOKEN);
    }

    private static PiiSettings settings(String yaml) throws IOException {
        return PiiSettings.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> types(PiiDetector detector, String text) {
        return detector.detect(text).stream().map(span -> span.type().name()).toList();
    }
}
