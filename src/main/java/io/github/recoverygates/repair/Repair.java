package io.github.recoverygates.repair;

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
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Workspace;
import io.github.recoverygates.syntax.PythonCategory;
import io.github.recoverygates.syntax.PythonCompiler;
import io.github.recoverygates.syntax.SyntaxConfig;
import io.github.recoverygates.syntax.SyntaxScopes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
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
        List<SourceFile> all = workspace.files();
        RepairOrder order = RepairOrder.of(SyntaxScopes.of(config, all), request.priorities());
        Set<String> changed = request.changedFrom() == null ? null
                : ChangedFiles.since(root, request.changedFrom(), request.environment());
        List<RepairReport.FileRepair> refused = new ArrayList<>();
        List<SourceFile> toCompile = withinSizeLimit(selected(all, syntax, order, changed, request), syntax, order, refused);
        try (PoolInterpreter interpreter = PoolInterpreter.open(config, request.workers(), request.environment())) {
            Map<String, Failing> failing = failing(interpreter, toCompile, order, refused);
            List<TokenRepair.Work> works = failing.values().stream().map(Failing::work).toList();
            progress.start("repair: " + works.size() + " files", works.size());
            new TokenRepair(interpreter).run(works, () -> progress.advance(1));
            progress.finish();

            Map<String, Change> changes = new LinkedHashMap<>();
            List<RepairReport.FileRepair> files = outcomes(root, interpreter, failing, order, changes);
            files.addAll(refused);
            ImportRepairs.Result imports = imports(root, config, workspace, changed, request, interpreter, failing.keySet());
            imports.changes().forEach(c -> changes.putIfAbsent(c.path(), c));

            if (!request.apply() || changes.isEmpty()) {
                return new Result(report(interpreter, request, files, imports.entries(), null), new ArrayList<>(changes.values()));
            }
            Path backupDir = backupDir(request, root, workspace);
            Written written = write(root, backupDir, changes);
            List<RepairReport.FileRepair> appliedFiles = files.stream().map(f -> written.applied(f, changes)).toList();
            List<RepairReport.ImportRepair> appliedImports = imports.entries().stream().map(written::applied).toList();
            RepairReport.Verification verification = verify(root, config, skipDir, written.changes(), backupDir, request);
            return new Result(report(interpreter, request, appliedFiles, appliedImports, verification), written.changes());
        }
    }

    /** A file that does not compile, on its way through the repair, with the SHA-256 of the bytes it was read from. */
    private record Failing(TokenRepair.Work work, String sha256, String scope) {
    }

    /** What --apply wrote, and why the rest was not written (path: reason). */
    private record Written(List<Change> changes, Map<String, String> refusals) {

        RepairReport.FileRepair applied(RepairReport.FileRepair f, Map<String, Change> proposed) {
            if (!f.status().changes() || !proposed.containsKey(f.path())) {
                return f;
            }
            String refusal = refusals.get(f.path());
            return refusal == null ? f.with(RepairReport.Status.APPLIED, f.reason())
                    : f.with(RepairReport.Status.REFUSED, "proven, but not written: " + refusal);
        }

        RepairReport.ImportRepair applied(RepairReport.ImportRepair i) {
            if (!i.status().changes()) {
                return i;
            }
            String target = i.change() != null && i.change().startsWith("restore ") ? i.change().substring(8) : i.path();
            String refusal = refusals.get(target);
            return refusal == null ? i.with(RepairReport.Status.APPLIED, i.reason())
                    : i.with(RepairReport.Status.REFUSED, "proven, but not written: " + refusal);
        }
    }

    /** The Python files the syntax gate checks that this run looks at, in repair order (scope, then path). */
    private static List<SourceFile> selected(List<SourceFile> all, SyntaxConfig syntax, RepairOrder order, Set<String> changed,
                                             Request request) {
        List<Glob> include = Glob.all(syntax.include());
        List<Glob> exclude = Glob.all(syntax.exclude());
        List<SourceFile> python = new ArrayList<>();
        for (SourceFile f : all) {
            boolean checked = f.extension().equals("py") && (include.isEmpty() || Glob.any(include, f.path()))
                    && !Glob.any(exclude, f.path());
            boolean wanted = (changed == null || changed.contains(f.path()))
                    && (request.priorities().isEmpty() || order.scopeOf(f.path()) != null);
            if (checked && wanted) {
                python.add(f);
            }
        }
        python.sort(Comparator.comparingInt((SourceFile f) -> order.rank(f.path())).thenComparing(SourceFile::path));
        return python;
    }

    /** The files the syntax gate would compile; the larger ones go to {@code refused}. */
    private static List<SourceFile> withinSizeLimit(List<SourceFile> python, SyntaxConfig syntax, RepairOrder order,
                                                    List<RepairReport.FileRepair> refused) {
        List<SourceFile> out = new ArrayList<>();
        for (SourceFile f : python) {
            if (f.size() > syntax.maxFileSizeBytes()) {
                refused.add(RepairReport.FileRepair.refused(f.path(), order.scopeName(f.path()), null,
                        "larger than syntax.maxFileSize (" + f.size() + " bytes): not checked"));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Compiles the files and reads the ones that fail, by path in repair order; those that are not
     * editable text (unreadable, not UTF-8, an encoding error) go to {@code refused}.
     */
    private Map<String, Failing> failing(PoolInterpreter interpreter, List<SourceFile> files, RepairOrder order,
                                         List<RepairReport.FileRepair> refused) throws GateException, InterruptedException {
        progress.start("repair: compiling", files.size());
        List<PythonCompiler.Verdict> verdicts = interpreter.verdicts(files.stream().map(SourceFile::absolute).toList());
        progress.finish();
        Map<String, Failing> out = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            PythonCompiler.Verdict v = verdicts.get(i);
            SourceFile f = files.get(i);
            if (v == null || v.ok()) {
                continue;
            }
            String scope = order.scopeName(f.path());
            Failure failure = new Failure(v.category(), v.message(), v.line(), v.column());
            SourceBytes bytes = read(f.absolute());
            if (bytes == null || bytes.text() == null) {
                refused.add(RepairReport.FileRepair.refused(f.path(), scope, RepairReport.Error.of(failure),
                        bytes == null ? "it cannot be read" : bytes.refusal()));
            } else if (failure.category().equals(PythonCategory.ENCODING) || failure.category().equals(PythonCategory.NULL_BYTES)) {
                refused.add(RepairReport.FileRepair.refused(f.path(), scope, RepairReport.Error.of(failure),
                        "an encoding error is not repaired by editing the text"));
            } else {
                out.put(f.path(), new Failing(new TokenRepair.Work(f.path(), bytes.text(), bytes.bom(), failure), bytes.sha256(),
                        scope));
            }
        }
        return out;
    }

    /** Each repaired file's entry, after what its backups offer; the proposed changes go to {@code changes}. */
    private static List<RepairReport.FileRepair> outcomes(Path root, Interpreter interpreter, Map<String, Failing> failing,
                                                          RepairOrder order, Map<String, Change> changes)
            throws GateException, InterruptedException {
        Map<String, String> current = new LinkedHashMap<>();
        failing.forEach((p, f) -> current.put(p, f.work().original));
        Map<String, Restores.Offer> offers = new Restores(new BackupCopies(root), interpreter).offers(current);
        List<RepairReport.FileRepair> files = new ArrayList<>();
        for (Failing f : failing.values()) {
            FileOutcome outcome = FileOutcome.of(f.work(), offers.get(f.work().path), f.scope(), f.sha256());
            files.add(outcome.report());
            if (outcome.change() != null) {
                changes.put(f.work().path, outcome.change());
            }
        }
        return files;
    }

    /** --apply: writes the changes, keeping the files' bytes under {@code backupDir}. */
    private static Written write(Path root, Path backupDir, Map<String, Change> changes) throws GateException {
        List<Applier.Written> results;
        try {
            results = new Applier(root, backupDir).apply(new ArrayList<>(changes.values()));
        } catch (IOException e) {
            throw new GateException("cannot apply the repairs: " + e.getMessage(), e);
        }
        List<Change> written = new ArrayList<>();
        Map<String, String> refusals = new TreeMap<>();
        for (Applier.Written r : results) {
            if (r.ok()) {
                written.add(r.change());
            } else {
                refusals.put(r.change().path(), r.reason());
            }
        }
        return new Written(written, refusals);
    }

    private static RepairReport report(PoolInterpreter interpreter, Request request, List<RepairReport.FileRepair> files,
                                       List<RepairReport.ImportRepair> imports, RepairReport.Verification verification) {
        return new RepairReport(RepairReport.SCHEMA_VERSION, interpreter.interpreter(), request.apply(),
                summary(files, imports), files, imports, verification);
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

    /** The import repairs of the ssot gate's missing modules; none when the ssot gate is not on the class path. */
    private ImportRepairs.Result imports(Path root, Config config, Workspace workspace, Set<String> changed, Request request,
                                         Interpreter interpreter, Set<String> notCompiling)
            throws GateException, InterruptedException {
        Gate ssot = gate("ssot");
        if (ssot == null) {
            return new ImportRepairs.Result(List.of(), List.of());
        }
        GateContext context = new GateContext(root, config, workspace, Shard.ALL, changed, null, Progress.SILENT,
                new SecretMasker(), request.environment(), request.workers());
        progress.start("repair: looking for missing modules", 0);
        GateOutcome outcome = ssot.run(context);
        progress.finish();
        return new ImportRepairs(root, interpreter, p -> read(root.resolve(p))).of(outcome.findings(), notCompiling);
    }

    /** The syntax gate again, on the files --apply wrote. */
    private static RepairReport.Verification verify(Path root, Config config, Path skipDir, List<Change> written, Path backupDir,
                                                    Request request) throws GateException, InterruptedException {
        Gate syntax = gate("syntax");
        Set<String> paths = new LinkedHashSet<>();
        written.forEach(c -> paths.add(c.path()));
        if (syntax == null || paths.isEmpty()) {
            return new RepairReport.Verification(paths.isEmpty() ? "NONE" : "NOT_RUN", 0, 0, backupDir.toString());
        }
        Config python = config.with("syntax.languages", Json.REPORT.valueToTree(List.of("python")))
                .with("syntax.testCollection", Json.REPORT.valueToTree(Map.of("enabled", false)));
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

    /** The gate of that name on the class path (the last one the service loader lists), or null. */
    private static Gate gate(String name) {
        Gate found = null;
        for (Gate g : ServiceLoader.load(Gate.class, Repair.class.getClassLoader())) {
            if (g.name().equals(name)) {
                found = g;
            }
        }
        return found;
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
                name + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").format(LocalDateTime.now()));
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
