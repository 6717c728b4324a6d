package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.core.BackupCopies;
import io.github.recoverygates.core.ChangedFiles;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Workspace;
import io.github.recoverygates.syntax.PythonCompiler;
import io.github.recoverygates.syntax.SyntaxConfig;
import io.github.recoverygates.syntax.SyntaxScopes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code repair}: proven repairs of Python files that do not compile, and of imports of modules
 * that went elsewhere. Finds the failing files with the syntax gate's own interpreter pool, repairs
 * them error by error ({@link TokenRepair}), offers what backups hold ({@link Restores}), follows
 * the ssot gate's missing modules ({@link ImportRepairs}); with {@code apply} writes the accepted
 * changes ({@link Applier}) and runs the syntax gate again on them.
 */
public final class Repair {

    /**
     * One repair run as the CLI asks for it.
     *
     * @param priorities  syntax scopes to repair, in this order (empty: every file, scopes first)
     * @param changedFrom a git ref: only files changed since it, or null
     * @param backupDir   where --apply keeps the files' previous bytes, or null for a new directory under the temp dir
     * @param workers     interpreter processes, 0 for one per core
     */
    public record Request(Path root, List<String> priorities, String changedFrom, boolean apply, Path backupDir,
                          int workers, Map<String, String> environment) {
        public Request {
            priorities = priorities == null ? List.of() : List.copyOf(priorities);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /** What a run produced: the report, and the changes it proved (written, with apply). */
    public record Result(RepairReport report, List<Change> changes) {
        public int exitCode() {
            RepairReport.Summary s = report.summary();
            boolean left = s.needsHuman() + s.noCandidate() + s.partial() > 0
                    || report.imports().stream().anyMatch(i -> !i.status().changes());
            boolean broken = report.verification() != null && report.verification().filesFailing() > 0;
            return left || broken ? 1 : 0;
        }

        /** The number of changes, for the summary line. */
        public int changeCount() {
            return changes.size();
        }
    }

    private final Progress progress;

    public Repair(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    public Result run(Request request, Config config, Path skipDir) throws GateException, InterruptedException {
        Path root = request.root().toAbsolutePath().normalize();
        Workspace workspace = new Workspace(root, config.excludes(), skipDir);
        SyntaxConfig syntax = config.section("syntax", SyntaxConfig.class);
        List<Glob> include = Glob.all(syntax.include());
        List<Glob> exclude = Glob.all(syntax.exclude());
        List<SourceFile> all = workspace.files();
        List<SyntaxScopes.Scope> scopes = SyntaxScopes.of(config, all);
        RepairOrder order = RepairOrder.of(scopes, request.priorities());
        Set<String> changed = request.changedFrom() == null ? null : ChangedFiles.since(root, request.changedFrom(), request.environment());

        List<SourceFile> python = new ArrayList<>();
        for (SourceFile f : all) {
            if (!f.extension().equals("py") || !include.isEmpty() && !Glob.any(include, f.path()) || Glob.any(exclude, f.path())
                    || changed != null && !changed.contains(f.path())) {
                continue;
            }
            if (!request.priorities().isEmpty() && order.scopeOf(f.path()) == null) {
                continue;
            }
            python.add(f);
        }
        python.sort(Comparator.comparingInt((SourceFile f) -> order.rank(f.path())).thenComparing(SourceFile::path));

        List<RepairReport.FileRepair> refused = new ArrayList<>();
        List<SourceFile> toCompile = new ArrayList<>();
        for (SourceFile f : python) {
            if (f.size() > syntax.maxFileSizeBytes()) {
                refused.add(new RepairReport.FileRepair(f.path(), order.scopeName(f.path()), RepairReport.Status.REFUSED,
                        null, "larger than syntax.maxFileSize (" + f.size() + " bytes): not checked", null, null, null, 0, 0));
            } else {
                toCompile.add(f);
            }
        }
        try (PoolInterpreter interpreter = PoolInterpreter.open(config, request.workers(), request.environment())) {
            progress.start("repair: compiling", toCompile.size());
            List<PythonCompiler.Verdict> verdicts = interpreterVerdicts(interpreter, toCompile);
            progress.finish();
            Map<String, TokenRepair.Work> works = new LinkedHashMap<>();
            Map<String, SourceFile> byPath = new HashMap<>();
            for (int i = 0; i < toCompile.size(); i++) {
                PythonCompiler.Verdict v = verdicts.get(i);
                SourceFile f = toCompile.get(i);
                byPath.put(f.path(), f);
                if (v == null || v.ok()) {
                    continue;
                }
                Failure failure = new Failure(v.category(), v.message(), v.line(), v.column());
                SourceBytes bytes = read(f.absolute());
                if (bytes == null || bytes.text() == null) {
                    refused.add(new RepairReport.FileRepair(f.path(), order.scopeName(f.path()), RepairReport.Status.REFUSED,
                            RepairReport.Error.of(failure), bytes == null ? "it cannot be read" : bytes.refusal(), null, null,
                            null, 0, 0));
                    continue;
                }
                if (failure.category().equals(PythonCategory.ENCODING) || failure.category().equals(PythonCategory.NULL_BYTES)) {
                    refused.add(new RepairReport.FileRepair(f.path(), order.scopeName(f.path()), RepairReport.Status.REFUSED,
                            RepairReport.Error.of(failure), "an encoding error is not repaired by editing the text", null,
                            null, null, 0, 0));
                    continue;
                }
                works.put(f.path(), new TokenRepair.Work(f.path(), bytes.text(), bytes.bom(), failure));
                shas.put(f.path(), bytes.sha256());
            }
            progress.start("repair: " + works.size() + " files", works.size());
            new TokenRepair(interpreter).run(new ArrayList<>(works.values()), () -> progress.advance(1));
            progress.finish();

            Map<String, String> current = new LinkedHashMap<>();
            works.forEach((p, w) -> current.put(p, w.original));
            BackupCopies copies = new BackupCopies(root);
            Map<String, Restores.Offer> offers = new Restores(copies, interpreter).offers(current);

            List<RepairReport.FileRepair> files = new ArrayList<>();
            Map<String, Change> changes = new LinkedHashMap<>();
            for (TokenRepair.Work w : works.values()) {
                files.add(outcome(w, offers.get(w.path), order.scopeName(w.path), changes));
            }
            files.addAll(refused);

            ImportRepairs.Result imports = imports(root, config, workspace, changed, request, interpreter, works.keySet());
            for (Change c : imports.changes()) {
                changes.putIfAbsent(c.creates() ? c.path() : c.path(), c);
            }

            RepairReport.Verification verification = null;
            List<RepairReport.FileRepair> finalFiles = files;
            List<RepairReport.ImportRepair> finalImports = imports.entries();
            List<Change> written = new ArrayList<>(changes.values());
            if (request.apply() && !changes.isEmpty()) {
                Path backupDir = backupDir(request, root, workspace);
                List<Applier.Written> results;
                try {
                    results = new Applier(root, backupDir).apply(new ArrayList<>(changes.values()));
                } catch (IOException e) {
                    throw new GateException("cannot apply the repairs: " + e.getMessage(), e);
                }
                Map<String, String> refusals = new TreeMap<>();
                written.clear();
                for (Applier.Written r : results) {
                    if (r.ok()) {
                        written.add(r.change());
                    } else {
                        refusals.put(r.change().path(), r.reason());
                    }
                }
                finalFiles = files.stream().map(f -> applied(f, refusals, changes)).toList();
                finalImports = imports.entries().stream().map(i -> applied(i, refusals)).toList();
                verification = verify(root, config, skipDir, written, backupDir, request);
            }
            RepairReport report = new RepairReport(RepairReport.SCHEMA_VERSION, interpreter.interpreter(), request.apply(),
                    summary(finalFiles, finalImports), finalFiles, finalImports, verification);
            return new Result(report, request.apply() ? written : new ArrayList<>(changes.values()));
        }
    }

    private final Map<String, String> shas = new HashMap<>();

    private static List<PythonCompiler.Verdict> interpreterVerdicts(PoolInterpreter interpreter, List<SourceFile> files)
            throws GateException, InterruptedException {
        return interpreter.verdicts(files.stream().map(SourceFile::absolute).toList());
    }

    private RepairReport.FileRepair outcome(TokenRepair.Work w, Restores.Offer offer, String scope, Map<String, Change> changes) {
        List<RepairReport.Backup> backups = offer == null ? List.of() : offer.backups();
        List<RepairReport.Step> steps = w.steps.stream()
                .map(s -> new RepairReport.Step(s.fix().id(), s.description(), RepairReport.Error.of(s.repaired()))).toList();
        RepairReport.Error error = RepairReport.Error.of(w.initial);
        String sha = shas.get(w.path);
        if (offer != null && offer.merged() != null) {
            List<RepairReport.Option> alternatives = new ArrayList<>();
            if (w.outcome == TokenRepair.Outcome.REPAIRED && !w.current.equals(offer.merged())) {
                alternatives.add(new RepairReport.Option("edit", String.join("; ", steps.stream().map(RepairReport.Step::description).toList()), List.of()));
            }
            boolean whole = offer.reverted() == offer.regions();
            Fix fix = whole ? Fix.RESTORE_BACKUP : Fix.RESTORE_AND_REAPPLY;
            String description = whole ? "restores the copy from " + offer.copyPath()
                    : "restores the copy from " + offer.copyPath() + " where the file no longer compiles (" + offer.reverted()
                    + " of " + offer.regions() + " differing regions) and keeps the file's own lines elsewhere";
            changes.put(w.path, new Change(w.path, w.original, offer.merged(), w.bom, sha));
            return new RepairReport.FileRepair(w.path, scope, RepairReport.Status.PROPOSED, error,
                    "a copy from before the damage compiles: " + offer.copyPath() + " ("
                            + LineDiff.size(w.original, offer.merged()) + " lines differ from it where it matters)",
                    List.of(new RepairReport.Step(fix.id(), description, error)), alternatives, backups, w.tried,
                    LineDiff.size(w.original, offer.merged()));
        }
        return switch (w.outcome) {
            case REPAIRED -> {
                changes.put(w.path, new Change(w.path, w.original, w.current, w.bom, sha));
                yield new RepairReport.FileRepair(w.path, scope, RepairReport.Status.PROPOSED, error,
                        "the interpreter compiles the file after " + (steps.size() == 1 ? "this edit" : "these " + steps.size() + " edits"),
                        steps, List.of(), backups, w.tried, LineDiff.size(w.original, w.current));
            }
            case AMBIGUOUS -> new RepairReport.FileRepair(w.path, scope, RepairReport.Status.NEEDS_HUMAN, error,
                    w.tied.size() + " candidates " + (w.tied.get(0).compiles() ? "compile" : "get past the error")
                            + " equally well at line " + w.failure.line() + ": no guess", steps,
                    w.tied.stream().map(j -> option(w, j)).toList(), backups, w.tried, 0);
            case NO_CANDIDATE -> new RepairReport.FileRepair(w.path, scope, RepairReport.Status.NO_CANDIDATE, error,
                    w.tried == 0 ? "no repair pattern fits this error" : "none of " + w.tried
                            + " candidates makes the interpreter get past the error", steps, List.of(), backups, w.tried, 0);
            case PARTIAL -> new RepairReport.FileRepair(w.path, scope, RepairReport.Status.PARTIAL, error,
                    "repaired " + steps.size() + " error" + (steps.size() == 1 ? "" : "s") + ", but not the next one: line "
                            + w.failure.line() + ": " + w.failure.message(), steps, List.of(), backups, w.tried, 0);
        };
    }

    /** A tied candidate as a human sees it: its description and the lines it would produce. */
    private static RepairReport.Option option(TokenRepair.Work w, TokenRepair.Judged j) {
        List<String> before = LineDiff.lines(w.current);
        List<String> after = LineDiff.lines(j.text());
        List<String> shown = new ArrayList<>();
        for (LineDiff.Region g : LineDiff.regions(before, after)) {
            for (int k = g.bFrom(); k < g.bTo() && shown.size() < 6; k++) {
                shown.add((k + 1) + ": " + after.get(k).stripTrailing());
            }
        }
        return new RepairReport.Option(j.candidate().fix().id(), j.candidate().description(), shown);
    }

    private RepairReport.FileRepair applied(RepairReport.FileRepair f, Map<String, String> refusals, Map<String, Change> changes) {
        if (!f.status().changes() || !changes.containsKey(f.path())) {
            return f;
        }
        String refusal = refusals.get(f.path());
        return refusal == null
                ? new RepairReport.FileRepair(f.path(), f.scope(), RepairReport.Status.APPLIED, f.error(), f.reason(), f.steps(),
                        f.options(), f.backups(), f.candidatesTried(), f.linesChanged())
                : new RepairReport.FileRepair(f.path(), f.scope(), RepairReport.Status.REFUSED, f.error(),
                        "proven, but not written: " + refusal, f.steps(), f.options(), f.backups(), f.candidatesTried(),
                        f.linesChanged());
    }

    private static RepairReport.ImportRepair applied(RepairReport.ImportRepair i, Map<String, String> refusals) {
        if (!i.status().changes()) {
            return i;
        }
        String target = i.change() != null && i.change().startsWith("restore ") ? i.change().substring(8) : i.path();
        String refusal = refusals.get(target);
        return new RepairReport.ImportRepair(i.path(), i.line(), i.module(), i.movedTo(), i.backup(),
                refusal == null ? RepairReport.Status.APPLIED : RepairReport.Status.REFUSED,
                refusal == null ? i.reason() : "proven, but not written: " + refusal, i.change());
    }

    private static RepairReport.Summary summary(List<RepairReport.FileRepair> files, List<RepairReport.ImportRepair> imports) {
        int[] n = new int[RepairReport.Status.values().length];
        int failing = 0;
        for (RepairReport.FileRepair f : files) {
            n[f.status().ordinal()]++;
            failing += f.error() != null ? 1 : 0;
        }
        int importsProposed = (int) imports.stream().filter(i -> i.status().changes()).count();
        return new RepairReport.Summary(failing, n[RepairReport.Status.PROPOSED.ordinal()], n[RepairReport.Status.APPLIED.ordinal()],
                n[RepairReport.Status.NEEDS_HUMAN.ordinal()], n[RepairReport.Status.NO_CANDIDATE.ordinal()],
                n[RepairReport.Status.PARTIAL.ordinal()], n[RepairReport.Status.REFUSED.ordinal()], imports.size(),
                importsProposed);
    }

    private ImportRepairs.Result imports(Path root, Config config, Workspace workspace, Set<String> changed, Request request,
                                         Interpreter interpreter, Set<String> notCompiling)
            throws GateException, InterruptedException {
        Gate ssot = null;
        for (Gate g : ServiceLoader.load(Gate.class, Repair.class.getClassLoader())) {
            if (g.name().equals("ssot")) {
                ssot = g;
            }
        }
        if (ssot == null) {
            return new ImportRepairs.Result(List.of(), List.of());
        }
        GateContext context = new GateContext(root, config, workspace, Shard.ALL, changed, null, Progress.SILENT,
                new SecretMasker(), request.environment(), request.workers());
        progress.start("repair: looking for missing modules", 0);
        GateOutcome outcome = ssot.run(context);
        progress.finish();
        List<Finding> missing = outcome.findings().stream()
                .filter(f -> "ssot/missing-module".equals(f.ruleId()) && f.severity() == Severity.ERROR).toList();
        return new ImportRepairs(root, interpreter, p -> read(root.resolve(p))).of(missing, notCompiling);
    }

    /** The syntax gate again, on the files --apply wrote. */
    private static RepairReport.Verification verify(Path root, Config config, Path skipDir, List<Change> written, Path backupDir,
                                                    Request request) throws GateException, InterruptedException {
        Gate syntax = null;
        for (Gate g : ServiceLoader.load(Gate.class, Repair.class.getClassLoader())) {
            if (g.name().equals("syntax")) {
                syntax = g;
            }
        }
        Set<String> paths = new LinkedHashSet<>();
        written.forEach(c -> paths.add(c.path()));
        if (syntax == null || paths.isEmpty()) {
            return new RepairReport.Verification(paths.isEmpty() ? "NONE" : "NOT_RUN", 0, 0, backupDir.toString());
        }
        Config python = config.with("syntax.languages", io.github.recoverygates.core.Json.REPORT.valueToTree(List.of("python")))
                .with("syntax.testCollection", io.github.recoverygates.core.Json.REPORT.valueToTree(Map.of("enabled", false)));
        GateContext context = new GateContext(root, python, new Workspace(root, config.excludes(), skipDir), Shard.ALL, paths,
                null, Progress.SILENT, new SecretMasker(), request.environment(), request.workers());
        GateOutcome outcome = syntax.run(context);
        Set<String> failing = new LinkedHashSet<>();
        for (Finding f : outcome.findings()) {
            if (f.severity() == Severity.ERROR && f.file() != null && paths.contains(f.file())) {
                failing.add(f.file());
            }
        }
        return new RepairReport.Verification(failing.isEmpty() ? "PASS" : "FAIL", paths.size(), failing.size(),
                backupDir.toString());
    }

    private static Path backupDir(Request request, Path root, Workspace workspace) {
        if (request.backupDir() != null) {
            Path dir = request.backupDir().toAbsolutePath().normalize();
            if (dir.startsWith(root) && !workspace.excluded(root.relativize(dir).toString().replace('\\', '/') + "/x.py")) {
                throw new ConfigException("--backup-dir " + request.backupDir() + " is inside --root and not excluded from"
                        + " the checks: keep backups outside the repository or under an excluded directory such as backups/");
            }
            return dir;
        }
        String name = root.getFileName() == null ? "root" : root.getFileName().toString();
        return Path.of(System.getProperty("java.io.tmpdir"), "recovery-gates-repair-backup",
                name + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                        .format(java.time.LocalDateTime.now()));
    }

    private static SourceBytes read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                return null;
            }
            return SourceBytes.of(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
