package io.github.recoverygates.ssot;

import java.util.ArrayList;
import java.util.List;

/**
 * Env-alias words in configuration files (YAML, TOML, INI/CFG, JSON, properties, shell, Dockerfiles,
 * {@code .env*}): every whole-word occurrence on a line that is not a comment.
 */
final class ConfigFileScanner {

    private ConfigFileScanner() {
    }

    static FileFacts scan(String src, ScanSpec spec) {
        if (spec.wordsInStrings().isEmpty()) {
            return FileFacts.empty("config");
        }
        List<FileFacts.Word> words = new ArrayList<>();
        int line = 1;
        int start = 0;
        int n = src.length();
        while (start <= n) {
            int end = src.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String text = src.substring(start, end);
            String trimmed = text.stripLeading();
            if (!trimmed.startsWith("#") && !trimmed.startsWith("//") && !trimmed.startsWith(";")) {
                for (String w : spec.wordsInStrings()) {
                    if (text.contains(w)) {
                        int l = line;
                        ScanSpec.findWholeWords(text, w, at -> words.add(new FileFacts.Word(w, l, at + 1, false)));
                    }
                }
            }
            line++;
            start = end + 1;
        }
        return new FileFacts("config", null, null, List.of(), List.of(), words, List.of());
    }
}
