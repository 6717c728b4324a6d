package io.github.recoverygates.repair;

import io.github.recoverygates.core.BackupCopies;
import io.github.recoverygates.core.GateException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restore what was lost: for a file that does not compile, the copies of the same path from
 * before the damage. A copy that compiles is reported with the size of the difference and gives a
 * candidate: the copy, with every region where the file differs from it re-applied as long as the
 * file still compiles (so later, sound work is kept and only the damaged regions go back).
 */
final class Restores {

    /** At most this many copies per file are compiled. */
    private static final int COPIES = 3;
    /** A copy that differs in more regions than this is offered whole, not merged. */
    private static final int REGIONS = 40;

    /** What the backups offer one file. */
    record Offer(List<RepairReport.Backup> backups, String merged, String copyPath, int reverted, int regions) {
    }

    private final BackupCopies copies;
    private final Interpreter interpreter;

    Restores(BackupCopies copies, Interpreter interpreter) {
        this.copies = copies;
        this.interpreter = interpreter;
    }

    /** For each file (path → current text), what its backups offer; files without copies are absent. */
    Map<String, Offer> offers(Map<String, String> files) throws GateException, InterruptedException {
        Map<String, List<String[]>> found = new LinkedHashMap<>(); // path -> [copy path, text]
        List<byte[]> batch = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            for (BackupCopies.Copy c : copies.of(f.getKey())) {
                if (found.getOrDefault(f.getKey(), List.of()).size() >= COPIES) {
                    break;
                }
                SourceBytes bytes;
                try {
                    bytes = SourceBytes.of(Files.readAllBytes(c.absolute()));
                } catch (IOException e) {
                    continue;
                }
                if (bytes.text() == null) {
                    continue;
                }
                found.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new String[]{c.path(), bytes.text()});
                batch.add(bytes.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        List<Failure> verdicts = interpreter.compile(batch);
        Map<String, Offer> out = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, List<String[]>> e : found.entrySet()) {
            String current = files.get(e.getKey());
            List<RepairReport.Backup> backups = new ArrayList<>();
            String[] best = null;
            int bestSize = Integer.MAX_VALUE;
            for (String[] copy : e.getValue()) {
                boolean compiles = verdicts.get(at++) == null;
                int size = LineDiff.size(copy[1], current);
                backups.add(new RepairReport.Backup(copy[0], compiles, size));
                if (compiles && size < bestSize) {
                    best = copy;
                    bestSize = size;
                }
            }
            out.put(e.getKey(), best == null ? new Offer(backups, null, null, 0, 0) : merge(backups, best, current));
        }
        return out;
    }

    /** The copy with the file's own regions put back one by one while it still compiles. */
    private Offer merge(List<RepairReport.Backup> backups, String[] copy, String current)
            throws GateException, InterruptedException {
        List<String> a = LineDiff.lines(copy[1]);
        List<String> b = LineDiff.lines(current);
        List<LineDiff.Region> regions = LineDiff.regions(a, b);
        if (regions.size() > REGIONS) {
            return new Offer(backups, copy[1], copy[0], regions.size(), regions.size());
        }
        boolean[] keep = new boolean[regions.size()];
        for (int r = 0; r < regions.size(); r++) {
            keep[r] = true;
            String text = build(a, b, regions, keep);
            if (interpreter.compile(List.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).get(0) != null) {
                keep[r] = false;
            }
        }
        int reverted = 0;
        for (boolean k : keep) {
            reverted += k ? 0 : 1;
        }
        return new Offer(backups, build(a, b, regions, keep), copy[0], reverted, regions.size());
    }

    private static String build(List<String> a, List<String> b, List<LineDiff.Region> regions, boolean[] keep) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int r = 0; r < regions.size(); r++) {
            LineDiff.Region g = regions.get(r);
            for (; at < g.aFrom(); at++) {
                out.append(a.get(at));
            }
            if (keep[r]) {
                for (int k = g.bFrom(); k < g.bTo(); k++) {
                    out.append(b.get(k));
                }
            } else {
                for (int k = g.aFrom(); k < g.aTo(); k++) {
                    out.append(a.get(k));
                }
            }
            at = g.aTo();
        }
        for (; at < a.size(); at++) {
            out.append(a.get(at));
        }
        return out.toString();
    }
}
