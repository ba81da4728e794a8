package io.agenthub.pii;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tagger's list of known names: built from Datafaker's locales, written, read back, looked up by word. */
class NameGazetteerTest {

    @Test
    void namesOfManyCountriesWithoutCommonWords() throws IOException {
        NameGazetteer names = NameGazetteer.fromDatafaker(Set.of("will", "may")::contains);
        assertThat(names.size()).isGreaterThan(20_000);
        assertThat(names.lastName("Kaczmarek")).isTrue();   // Polish
        assertThat(names.firstName("Krisztián")).isTrue();  // Hungarian, accents kept
        assertThat(names.firstName("Emma")).isTrue();
        assertThat(names.lastName("Emma")).isFalse();
        assertThat(names.firstName("will")).isFalse();      // excluded as common
        assertThat(names.firstName("May")).isFalse();
        assertThat(names.firstName("x")).isFalse();
    }

    @Test
    void writtenFileReadsBackTheSame(@TempDir Path dir) throws IOException {
        NameGazetteer names = NameGazetteer.read(stream("# a comment\nemma\tF\nkaczmarek\tL\njordan\tFL\n"));
        Path file = dir.resolve("names.txt");
        names.write(file, "test\nlist");
        NameGazetteer again = NameGazetteer.read(Files.newInputStream(file));
        assertThat(again.size()).isEqualTo(3);
        assertThat(again.firstName("JORDAN")).isTrue();
        assertThat(again.lastName("Jordan")).isTrue();
        assertThat(again.lastName("emma")).isFalse();
        assertThat(Files.readString(file)).startsWith("# test\n# list\n");
    }

    @Test
    void aMalformedLineIsNamed() {
        assertThatThrownBy(() -> NameGazetteer.read(stream("emma\tF\nkaczmarek\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> NameGazetteer.read(stream("emma\tX\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1");
    }

    @Test
    void aWordIsTheLettersAroundAPiece() {
        String text = "Send it to Szöllösy, please";
        int piece = text.indexOf("ll");
        assertThat(NameGazetteer.wordAround(text, piece, piece + 2)).isEqualTo("Szöllösy");
        assertThat(NameGazetteer.wordAround(text, 0, 4)).isEqualTo("Send");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
