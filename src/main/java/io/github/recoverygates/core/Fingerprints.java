package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stable identities for findings: rule, file, the text of the finding's line with its blanks
 * normalised, and which occurrence of that text it is in the file. Inserting or removing lines
 * elsewhere keeps a finding's fingerprint, so a baseline still knows it; editing the line itself is
 * a new finding. Findings without a line keep their message-based identity.
 */
public final class Fingerprints {

    /** Files larger than this are not read for fingerprints (the finding keeps its message key). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private Fingerprints() {
    }

    /** {@code findings} with fingerprints, reading each file under {@code root} at most once. */
    public static List<Finding> of(List<Finding> findings, Path root) {
        if (root == null) {
            return findings;
        }
        List<Finding> sorted = findings.stream().sorted(Finding.ORDER).toList();
        // the files are read side by side (a large run has thousands), then numbered in order
        Map<String, Lines> lines = new ConcurrentHashMap<>();
        sorted.stream().filter(Fingerprints::needsOne).map(Finding::file).distinct().toList()
                .parallelStream().forEach(file -> lines.put(file, read(root, file)));
        Map<String, Integer> occurrences = new HashMap<>();
        Map<Finding, String> prints = new LinkedHashMap<>();
        for (Finding f : sorted) {
            if (!needsOne(f)) {
                continue;
            }
            String line = lines.get(f.file()).line(f.line());
            if (line == null) {
                continue;
            }
            String key = f.ruleId() + '\u0000' + f.file() + '\u0000' + normalise(line);
            int n = occurrences.merge(key, 1, Integer::sum);
            prints.put(f, sha256(key + '\u0000' + n));
        }
        if (prints.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String p = prints.get(f);
            out.add(p == null ? f : f.toBuilder().fingerprint(p).build());
        }
        return out;
    }

    /**
     * {@code outcome} with the fingerprints the runner would give its findings (rule, file, line text:
     * no other gate's finding shares such a key), so an outcome kept in a run memo needs no file read
     * for them when it is reused.
     */
    public static GateOutcome of(GateOutcome outcome, Path root) {
        List<Finding> findings = of(outcome.findings(), root);
        return findings == outcome.findings() ? outcome : new GateOutcome(outcome.summary(), outcome.metrics(),
                outcome.thresholds(), findings, outcome.sections(), outcome.details(), outcome.minimumVerdict());
    }

    /** A finding at a line of a file that has no fingerprint yet. */
    private static boolean needsOne(Finding f) {
        return f.hasFile() && f.line() > 0 && f.fingerprint() == null;
    }

    static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static Lines read(Path root, String file) {
        try {
            Path p = root.resolve(file).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > MAX_BYTES) {
                return Lines.NONE;
            }
            return new Lines(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Lines.NONE;
        }
    }

    /** A file's text with its line starts found once (a line ends at \r\n, \r or \n), without splitting it. */
    static final class Lines {
        static final Lines NONE = new Lines("");
        private final String text;
        private int[] starts;

        Lines(String text) {
            this.text = text;
        }

        /** Line {@code number} (1-based) without its line break, or null past the end. */
        String line(int number) {
            if (this == NONE) {
                return null;
            }
            if (starts == null) {
                starts = starts(text);
            }
            if (number > starts.length) {
                return null;
            }
            int from = starts[number - 1];
            int to = text.length();
            if (number < starts.length) { // drop the line break before the next line's start
                to = starts[number] - 1;
                if (text.charAt(to) == '\n' && to > from && text.charAt(to - 1) == '\r') {
                    to--;
                }
            }
            return text.substring(from, to);
        }

        private static int[] starts(String text) {
            int[] out = new int[64];
            int n = 0;
            out[n++] = 0;
            for (int i = 0, len = text.length(); i < len; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i + 1;
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
