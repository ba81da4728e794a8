package io.agenthub.flows.claims;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every byte of a dropped file is the sender's: what is read as a notice, and what is refused with which reason. */
class ClaimFilesTest {

    private final ClaimFiles files = new ClaimFiles(new ObjectMapper(), 4096, 4000);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainNoticeIsItsTextKeyedByTheDigestOfItsBytes() {
        ClaimFile file = files.read("n.txt", utf8("\uFEFFPolicy POL-HOM-200117: a pipe burst on 20 November 2026."), "demo-insurer");
        ClaimFile same = files.read("other-name.TXT", utf8("\uFEFFPolicy POL-HOM-200117: a pipe burst on 20 November 2026."),
                "demo-insurer");

        assertThat(file.text()).startsWith("Policy POL-HOM-200117");
        assertThat(file.policyNumber()).isEqualTo("POL-HOM-200117");
        assertThat(file.key()).isEqualTo(same.key()).matches("claim-file:[0-9a-f]{64}");
    }

    @Test
    void aJsonNoticeIsWrittenOutInWordsForTheExtraction() {
        ClaimFile file = files.read("n.json", utf8("{\"policyNumber\":\"pol-mot-100234\",\"dateOfLoss\":\"2026-11-18\","
                + "\"lossType\":\"COLLISION\",\"amount\":2350,\"currency\":\"EUR\",\"subjectId\":\"C-1001\","
                + "\"description\":\"Rear-ended.\"}"), "demo-insurer");

        assertThat(file.text()).contains("Rear-ended.").contains("Policy pol-mot-100234.").contains("18 November 2026")
                .contains("collision").contains("2350.00 EUR");
        assertThat(file.policyNumber()).isEqualTo("POL-MOT-100234");
        assertThat(file.subjectId()).isEqualTo("C-1001");
    }

    @Test
    void aPlainTextEmailIsItsSubjectAndBody() {
        ClaimFile file = files.read("n.eml", utf8("From: broker@example.com\r\nSubject: Claim on policy POL-TRV-300451\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nLuggage lost on 3 December 2026.\r\n"), "demo-insurer");

        assertThat(file.text()).isEqualTo("Claim on policy POL-TRV-300451\n\nLuggage lost on 3 December 2026.");
        assertThat(file.text()).doesNotContain("broker@example.com");
        assertThat(file.policyNumber()).isEqualTo("POL-TRV-300451");
    }

    @Test
    void hostileFilesAreRefusedWithAReasonThatQuotesNoneOfTheirContent() {
        assertThatThrownBy(() -> files.read("x.txt", new byte[] {'a', 0, 'b'}, "t")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> files.read("x.txt", new byte[] {'a', (byte) 0xC3, '('}, "t")).hasMessage("the file is not UTF-8 text");
        assertThatThrownBy(() -> files.read("x.txt", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "t"))
                .hasMessage("the file is not UTF-8 text");  // an encoded surrogate
        assertThatThrownBy(() -> files.checkBefore("x.txt", 4097)).hasMessageContaining("4097 bytes");
        assertThatThrownBy(() -> files.read("x.exe", utf8("MZ"), "t")).hasMessageContaining(".exe are not read");
        assertThatThrownBy(() -> files.read("x", utf8("text"), "t")).hasMessageContaining("are not read");
        assertThatThrownBy(() -> files.read("x.txt", utf8("   \n"), "t")).hasMessage("the notice is empty");
        assertThatThrownBy(() -> files.read("x.txt", utf8("a".repeat(4001)), "t")).hasMessageContaining("4001 characters");
        assertThatThrownBy(() -> files.read("x.json", utf8("[1]"), "t")).hasMessage("a JSON notice is one object");
        assertThatThrownBy(() -> files.read("x.json", utf8("{\"secret\":\"Jane Doe\"}"), "t"))
                .hasMessageContaining("unknown field 'secret'").hasMessageNotContaining("Jane");
        assertThatThrownBy(() -> files.read("x.json", utf8("{\"tenant\":\"other\",\"text\":\"x\"}"), "t"))
                .hasMessageContaining("another tenant");
        assertThatThrownBy(() -> files.read("x.json", utf8("{\"text\":\"x\",\"amount\":-5}"), "t"))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> files.read("x.json", utf8("{\"text\":\"x\",\"dateOfLoss\":\"yesterday\"}"), "t"))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> files.read("x.json", utf8("{\"text\":\"x\",\"subjectId\":\"../../etc\"}"), "t"))
                .hasMessageContaining("subjectId");
        assertThatThrownBy(() -> files.read("x.eml", utf8("Subject: x\nContent-Type: multipart/mixed; boundary=b\n\nbody"), "t"))
                .hasMessageContaining("only plain-text e-mails");
        assertThatThrownBy(() -> files.read("x.eml", utf8("Subject: x\nContent-Transfer-Encoding: base64\n\nYm9keQ=="), "t"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> files.read("x.eml", utf8("no headers at all"), "t")).hasMessageContaining("blank line");
    }
}
