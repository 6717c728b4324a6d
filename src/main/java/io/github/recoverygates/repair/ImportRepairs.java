package io.github.recoverygates.repair;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The error behind the error: an import of this repository's own module that no longer exists
 * (the ssot gate's {@code ssot/missing-module}, which says where the module went). A module of the
 * same name elsewhere gives an import change; a copy from before it was lost gives its restore;
 * both together give the import change (a restored copy would be a second source of truth).
 */
final class ImportRepairs {

    record Result(List<RepairReport.ImportRepair> entries, List<Change> changes) {
    }

    private final Path root;
    private final Interpreter interpreter;
    private final Function<String, SourceBytes> reader;

    /**
     * @param reader reads a repository file by its relative path; null when it cannot
     */
    ImportRepairs(Path root, Interpreter interpreter, Function<String, SourceBytes> reader) {
        this.root = root;
        this.interpreter = interpreter;
        this.reader = reader;
    }

    Result of(List<Finding> findings, Set<String> notCompiling) throws GateException, InterruptedException {
        List<RepairReport.ImportRepair> entries = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        java.util.Set<String> created = new java.util.HashSet<>();
        for (Finding f : findings) {
            Map<String, String> p = f.properties();
            if (!"ssot/missing-module".equals(f.ruleId()) || f.severity() != Severity.ERROR || !p.containsKey("missingPath")
                    || f.file() == null || !f.file().endsWith(".py")) {
                continue;
            }
            String described = p.getOrDefault("import", "");
            int cut = described.indexOf(" import ");
            String module = cut < 0 ? described : described.substring(0, cut);
            List<String> movedTo = p.containsKey("movedTo") ? Arrays.asList(p.get("movedTo").split(",")) : List.of();
            String backup = p.get("backupCopy");
            String missingPath = p.get("missingPath");
            Entry e = new Entry(f.file(), f.line(), module, movedTo, backup);
            if (movedTo.size() > 1) {
                entries.add(e.done(RepairReport.Status.NEEDS_HUMAN, movedTo.size() + " modules of that name exist: "
                        + String.join(", ", movedTo), null));
            } else if (movedTo.size() == 1) {
                importChange(e, missingPath, notCompiling, entries, changes);
            } else if (backup != null) {
                restore(e, missingPath, created, entries, changes);
            } else {
                entries.add(e.done(RepairReport.Status.NO_CANDIDATE,
                        "no module of that name elsewhere in the tree and no copy of it in a backup", null));
            }
        }
        return new Result(entries, changes);
    }

    private record Entry(String path, int line, String module, List<String> movedTo, String backup) {
        RepairReport.ImportRepair done(RepairReport.Status status, String reason, String change) {
            return new RepairReport.ImportRepair(path, line, module, movedTo, backup, status, reason, change);
        }
    }

    private void importChange(Entry e, String missingPath, Set<String> notCompiling,
                              List<RepairReport.ImportRepair> entries, List<Change> changes)
            throws GateException, InterruptedException {
        String target = e.movedTo().get(0);
        String missingDotted = missingPath.replace('/', '.');
        String lastMissing = missingDotted.substring(missingDotted.lastIndexOf('.') + 1);
        String written = e.module();
        String replacement;
        if (!written.startsWith(".") && missingDotted.endsWith(written) || written.startsWith(".")
                && written.substring(written.lastIndexOf('.') + 1).equals(lastMissing)) {
            replacement = target; // the module itself moved
        } else if (target.endsWith("." + lastMissing)) {
            replacement = target.substring(0, target.lastIndexOf('.')); // a submodule moved: import it from its new package
        } else {
            entries.add(e.done(RepairReport.Status.NEEDS_HUMAN, "the module moved to " + target
                    + ", but the import cannot be rewritten to it mechanically", null));
            return;
        }
        if (notCompiling.contains(e.path())) {
            entries.add(e.done(RepairReport.Status.REFUSED, "the file does not compile: its syntax is repaired first", null));
            return;
        }
        SourceBytes source = reader.apply(e.path());
        if (source == null || source.text() == null) {
            entries.add(e.done(RepairReport.Status.REFUSED, source == null ? "the file cannot be read" : source.refusal(), null));
            return;
        }
        String text = source.text();
        int[] span = moduleSpan(text, e.line(), written);
        if (span == null) {
            entries.add(e.done(RepairReport.Status.NEEDS_HUMAN, "the import on line " + e.line()
                    + " is a plain 'import' (the name it binds would change) or could not be found", null));
            return;
        }
        String after = text.substring(0, span[0]) + replacement + text.substring(span[1]);
        if (interpreter.compile(List.of(after.getBytes(StandardCharsets.UTF_8))).get(0) != null) {
            entries.add(e.done(RepairReport.Status.NO_CANDIDATE, "the changed import does not compile", null));
            return;
        }
        changes.add(new Change(e.path(), text, after, source.bom(), source.sha256()));
        entries.add(e.done(RepairReport.Status.PROPOSED, "the module is now " + target
                + (e.backup() != null ? " (a copy in " + e.backup() + " exists too; restoring it would make a second source of truth)" : ""),
                "import from " + replacement));
    }

    private void restore(Entry e, String missingPath, Set<String> created, List<RepairReport.ImportRepair> entries,
                         List<Change> changes) throws GateException, InterruptedException {
        String copyName = e.backup().substring(e.backup().lastIndexOf('/') + 1);
        String name = missingPath.substring(missingPath.lastIndexOf('/') + 1);
        String targetPath = copyName.startsWith("__init__.py") && !copyName.startsWith(name) ? missingPath + "/__init__.py"
                : missingPath + ".py";
        Path target = root.resolve(targetPath);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || !created.add(targetPath)) {
            entries.add(e.done(RepairReport.Status.REFUSED, targetPath + " exists (or is restored for another import already)", null));
            return;
        }
        SourceBytes copy;
        try {
            copy = SourceBytes.of(Files.readAllBytes(root.resolve(e.backup())));
        } catch (IOException ex) {
            entries.add(e.done(RepairReport.Status.REFUSED, "the copy cannot be read: " + ex.getMessage(), null));
            return;
        }
        if (copy.text() == null) {
            entries.add(e.done(RepairReport.Status.REFUSED, "the copy " + copy.refusal(), null));
            return;
        }
        if (interpreter.compile(List.of(copy.text().getBytes(StandardCharsets.UTF_8))).get(0) != null) {
            entries.add(e.done(RepairReport.Status.NO_CANDIDATE, "the copy in " + e.backup() + " does not compile", null));
            return;
        }
        changes.add(new Change(targetPath, null, copy.text(), copy.bom(), null));
        entries.add(e.done(RepairReport.Status.PROPOSED, "restores " + targetPath + " from " + e.backup(), "restore " + targetPath));
    }

    /** Where the module named in the import on {@code line} is written: {offset, end}; null for a plain import without 'as'. */
    static int[] moduleSpan(String text, int line, String module) {
        SourceText src = new SourceText(text);
        PyTokens tokens = PyTokens.of(text);
        List<Tok> all = tokens.all();
        int from = src.start(Math.max(1, Math.min(line, src.lines())));
        for (int i = tokens.indexAfter(from); i < all.size(); i++) {
            Tok t = all.get(i);
            if (t.kind() != Kind.NAME || !(tokens.text(t).equals("from") || tokens.text(t).equals("import"))) {
                continue;
            }
            boolean plain = tokens.text(t).equals("import");
            int j = i + 1;
            StringBuilder dotted = new StringBuilder();
            int start = -1;
            int end = -1;
            while (j < all.size()) {
                Tok d = all.get(j);
                String s = tokens.text(d);
                if (d.kind() == Kind.NAME && !s.equals("import") && !s.equals("as")
                        || d.kind() == Kind.OP && (s.equals(".") || s.equals("..."))) {
                    start = start < 0 ? d.start() : start;
                    end = d.end();
                    dotted.append(s);
                    j++;
                } else {
                    break;
                }
            }
            if (!dotted.toString().equals(module)) {
                return null;
            }
            if (plain && !(j < all.size() && tokens.text(all.get(j)).equals("as"))) {
                return null;
            }
            return new int[]{start, end};
        }
        return null;
    }
}
