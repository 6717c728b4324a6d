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
        Map<String, List<String>> lines = new HashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        List<Finding> sorted = findings.stream().sorted(Finding.ORDER).toList();
        Map<Finding, String> prints = new LinkedHashMap<>();
        for (Finding f : sorted) {
            if (!f.hasFile() || f.line() <= 0 || f.fingerprint() != null) {
                continue;
            }
            List<String> text = lines.computeIfAbsent(f.file(), file -> read(root, file));
            if (f.line() > text.size()) {
                continue;
            }
            String key = f.ruleId() + '\u0000' + f.file() + '\u0000' + normalise(text.get(f.line() - 1));
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

    static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static List<String> read(Path root, String file) {
        try {
            Path p = root.resolve(file).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > MAX_BYTES) {
                return List.of();
            }
            return List.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\r\n|\r|\n", -1));
        } catch (IOException | RuntimeException e) {
            return List.of();
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
