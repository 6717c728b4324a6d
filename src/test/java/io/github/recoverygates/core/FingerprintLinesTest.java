package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fingerprints find a line without splitting the file: the same lines as a split at \\r\\n, \\r and \\n")
class FingerprintLinesTest {

    @Test
    void everyLineEqualsTheSplitOfTheWholeText() {
        Random random = new Random(11);
        String[] pieces = {"a", "bc", " ", "\t", "\n", "\r", "\r\n", "\n\r", "é", "x = 1"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String[] expected = text.toString().split("\r\n|\r|\n", -1);
            Fingerprints.Lines lines = new Fingerprints.Lines(text.toString());
            for (int line = 1; line <= expected.length; line++) {
                assertThat(lines.line(line)).as("line %d of %s", line, text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                        .isEqualTo(expected[line - 1]);
            }
            assertThat(lines.line(expected.length + 1)).isNull();
        }
    }
}
