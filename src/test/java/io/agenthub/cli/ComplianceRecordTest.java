package io.agenthub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The record of processing activities follows the configuration it is generated from. */
class ComplianceRecordTest {

    @TempDir
    Path home;

    @Test
    void theRecordDescribesTheRoutesRecipientsTreatmentsAndPeriodsTheHubRunsWith() throws IOException {
        for (String folder : new String[] {"routes", "processors", "connectors", "compliance"}) {
            copy(Path.of(folder), home.resolve(folder));
        }
        // an integrator adds a flow, lets the insurer's back-end see names, and shortens a retention period
        Files.writeString(home.resolve("routes/claims-intake.camel.yaml"), """
                # Claims intake: a policy holder reports a loss; the claim is opened at the insurer.
                - route:
                    id: claims-intake
                    from:
                      uri: direct:claims-intake
                      steps:
                        - log: "claim"
                """);
        Files.writeString(home.resolve("connectors/insurance.properties"),
                Files.readString(home.resolve("connectors/insurance.properties"))
                        .replace("connectors.insurance.reidentify=", "connectors.insurance.reidentify=PERSON"));
        Files.writeString(home.resolve("compliance/retention.yaml"),
                Files.readString(home.resolve("compliance/retention.yaml")).replace("US_SSN: P6M", "US_SSN: P3M"));
        Path out = home.resolve("record.md");

        CliRun cli = new CliRun();
        assertThat(cli.run("compliance", "record", "--home", home.toString(), "--out", out.toString()))
                .as(cli.err()).isZero();

        String record = Files.readString(out);
        assertThat(record).contains("# Record of processing activities (GDPR Art. 30)")
                .contains("| demo-bank | Demo Bank plc (sandbox) |")
                .contains("| claims-intake | `direct:claims-intake` | Claims intake: a policy holder reports a loss")
                .contains("| front-door-http | `platform-http:/api/v1/requests` |")
                .contains("| banking77-intent | Online-banking customer requests, 77 intents | tuned | encoder-head | models/banking77-intent/v8, models/banking77-intent/v6 |")
                .contains("| connector insurance | `{{hub.sandbox.url}}/insurance` | PERSON |")
                .contains("| connector core-banking | `{{hub.sandbox.url}}/core-banking` | CREDIT_CARD, EMAIL_ADDRESS, IBAN_CODE, PHONE_NUMBER, STREET_ADDRESS, US_BANK_NUMBER |")
                .contains("| US_SSN | token; original sealed in the subject's vault (AES-256-GCM, a key per subject) | P3M |")
                .contains("| IP_ADDRESS | dropped: replaced by its type, original not kept | not kept |");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
