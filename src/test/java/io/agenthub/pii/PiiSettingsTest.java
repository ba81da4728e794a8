package io.agenthub.pii;

import io.agenthub.api.PiiType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** compliance/pii.yaml as read at start: the shipped file, a file from before recognizers:, and every mistake named. */
class PiiSettingsTest {

    private static final String FILE = "compliance/pii.yaml";

    @Test
    void theShippedFileListsEveryPredefinedRecogniserOnWithThePhoneRegionsAndTheTagger() throws IOException {
        PiiSettings settings = read(shipped());

        assertThat(settings.minScore()).isEqualTo(0.5);
        assertThat(settings.tagger()).isEqualTo("pii-tagger/v5");
        assertThat(settings.taggerGate()).isEqualTo("pii-tagger/common-words.txt");
        assertThat(settings.phoneRegions()).hasSize(24).contains("NO", "GB");
        assertThat(settings.recognizers().switchedOff()).isEmpty();
        // every predefined recogniser, then the national identifiers of the tenants' countries
        List<String> expected = new java.util.ArrayList<>(PiiRecognizers.standard(settings.phoneRegions()).stream()
                .map(Recognizer::name).toList());
        expected.addAll(List.of("uk-nino", "de-tax-id"));
        assertThat(settings.recognizers().patterns()).extracting(Recognizer::name).isEqualTo(expected);
        assertThat(settings.treatment(PiiType.IP_ADDRESS)).isEqualTo(PiiTreatment.DROP);
        List<PiiType> types = new java.util.ArrayList<>(List.of(PiiType.values()));
        types.addAll(List.of(PiiType.valueOf("DE_TAX_ID"), PiiType.valueOf("UK_NINO")));
        assertThat(settings.types()).containsExactlyElementsOf(types);
    }

    @Test
    void aFileFromBeforeRecognizersIsReadAsBefore() throws IOException {
        PiiSettings settings = read("""
                minScore: 0.5
                tagger: pii-tagger/v5
                taggerGate: pii-tagger/common-words.txt
                phoneRegions: [US, GB]
                treatments:
                  ip_address: drop
                """);

        assertThat(settings.tagger()).isEqualTo("pii-tagger/v5");
        assertThat(settings.taggerGate()).isEqualTo("pii-tagger/common-words.txt");
        assertThat(settings.phoneRegions()).containsExactly("US", "GB");
        assertThat(settings.recognizers().patterns()).extracting(Recognizer::name)
                .isEqualTo(PiiRecognizers.standard(settings.phoneRegions()).stream().map(Recognizer::name).toList());
        assertThat(settings.treatment(PiiType.IP_ADDRESS)).isEqualTo(PiiTreatment.DROP);
    }

    @Test
    void aPredefinedRecogniserSwitchedOffFindsNothing() throws IOException {
        PiiSettings settings = read(shipped().replace("  - name: email                 # EMAIL_ADDRESS",
                "  - name: email\n    enabled: false"));

        assertThat(settings.recognizers().switchedOff()).containsExactly("email");
        assertThat(settings.detector(null, model -> name -> null).detect("write to anna@example.org")).isEmpty();
        assertThat(read(shipped()).detector(null, model -> name -> null).detect("write to anna@example.org"))
                .extracting(PiiSpan::type).containsExactly(PiiType.EMAIL_ADDRESS);
    }

    @Test
    void anUnknownFieldIsNamedWithItsRecogniser() {
        assertRefused(withCustom("    chcksum: luhn\n"),
                "compliance/pii.yaml: recogniser 'member-id': unknown field 'chcksum'", "checksum", "supported_entity");
        assertRefused(shipped().replace("    regions: [", "    region: ["),
                "compliance/pii.yaml: recogniser 'phone-number': unknown field 'region'");
        assertRefused(shipped().replace("minScore: 0.5", "minScore: 0.5\nminscore: 0.4"),
                "compliance/pii.yaml: unknown field 'minscore'");
    }

    @Test
    void aBadRegexIsNamedWithItsRecogniserPatternAndPosition() {
        assertRefused(withCustom("").replace("'\\bM-\\d{7}\\b'", "'\\bM-(\\d{7}\\b'"),
                "compliance/pii.yaml: recogniser 'member-id', field 'patterns[0].regex': not a regular expression: Unclosed group");
    }

    @Test
    void anUnknownPredefinedNameOrChecksumIsRefused() {
        assertRefused(shipped().replace("  - name: weekday ", "  - name: weekdays"),
                "compliance/pii.yaml: recogniser 'weekdays', field 'name': no predefined recogniser is called so");
        assertRefused(withCustom("    checksum: mod11\n"),
                "compliance/pii.yaml: recogniser 'member-id', field 'checksum': unknown checksum 'mod11' (one of none, luhn, mod97, us-ssn, elfproef, uk-nino, de-steuer-id)");
    }

    @Test
    void aPredefinedRecogniserLeftOutIsRefusedSoSwitchingOneOffIsAlwaysVisible() {
        assertRefused(shipped().replace("  - name: us-zip                # ZIP_CODE: 12345-6789\n", ""),
                "compliance/pii.yaml: predefined recogniser us-zip is not listed: list each by name, with enabled: false to switch it off");
    }

    @Test
    void otherMistakesInACustomRecogniserAreNamedToo() {
        assertRefused(withCustom("").replace("supported_entity: MEMBER_ID", "supported_entity: member id"),
                "recogniser 'member-id', field 'supported_entity': 'member id' is not a type a token can carry");
        assertRefused(withCustom("").replace("score: 0.6", "score: 1.6"),
                "recogniser 'member-id', field 'patterns[0].score': 1.6, must be between 0 and 1");
        assertRefused(withCustom("").replace("score: 0.6", "score: high"),
                "recogniser 'member-id', field 'patterns[0].score'");
        assertRefused(withCustom("    context_required: true\n").replace("    context: [member]\n", ""),
                "recogniser 'member-id', field 'context_required': there are no context words to require");
        assertRefused(withCustom("").replace("name: member-id", "name: email"),
                "recogniser 'email' is listed twice");
        assertRefused(withCustom("").replace("        regex: '\\bM-", "        group: 2\n        regex: '\\bM-"),
                "recogniser 'member-id', field 'patterns[0].group': 2, but the regex has 0 capturing groups");
        assertRefused(withCustom("") + "  MEMBER_ID: drop\n  MEMBER_NO: drop\n",
                "compliance/pii.yaml: treatments: 'MEMBER_NO' is neither a built-in type nor a custom recogniser's supported_entity");
        assertRefused(shipped().replace("\"NO\", ", "NO, "),
                "recogniser 'phone-number', field 'regions': 'false' is not an ISO 3166 region", "quote it");
        assertRefused(shipped().replace("    model: pii-tagger/v5 ", "    #"),
                "recogniser 'entity-tagger', field 'model'");
        assertRefused(shipped().replace("minScore: 0.5", "minScore: 0.5\ntagger: pii-tagger/v5"),
                "compliance/pii.yaml: tagger is set in recognizers: now");
    }

    @Test
    void aCustomRecogniserWithoutAChecksumFindsItsPatternAndContextRaisesItsScore() throws IOException {
        PiiDetector detector = read(withCustom("")).detector(null, model -> name -> null);

        assertThat(detector.detect("ref M-1234567 please")).extracting(PiiSpan::type, PiiSpan::score, PiiSpan::recognizer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PiiType.valueOf("MEMBER_ID"), 0.6, "member-id"));
        assertThat(detector.detect("member M-1234567")).extracting(PiiSpan::score).containsExactly(0.95);
    }

    private static String withCustom(String moreFields) {
        return shipped().replace("\n# Treatment, per type", """

                  - name: member-id
                    type: custom
                    supported_entity: MEMBER_ID
                    patterns:
                      - name: member
                        regex: '\\bM-\\d{7}\\b'
                        score: 0.6
                    context: [member]
                """ + moreFields + "# Treatment, per type");
    }

    private static void assertRefused(String yaml, String... messageParts) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(IOException.class).hasMessageContainingAll(messageParts);
    }

    private static PiiSettings read(String yaml) throws IOException {
        return PiiSettings.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    private static String shipped() {
        try {
            return Files.readString(Path.of(FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
