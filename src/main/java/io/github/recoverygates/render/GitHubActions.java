package io.github.recoverygates.render;

import io.github.recoverygates.core.FilterMode;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * GitHub Actions mode: masks the run's secrets in the log, turns findings into annotations
 * (errors first, within GitHub's limit of {@value #PER_LEVEL} shown per level and step, then one
 * notice that counts the rest and names the full report), appends the Markdown summary to
 * {@code $GITHUB_STEP_SUMMARY} and the verdict, counts and report paths to {@code $GITHUB_OUTPUT}.
 * A missing variable or unwritable file skips that part with a note; publishing never fails the run.
 */
public final class GitHubActions {

    /** GitHub shows at most 10 annotations of each level per step (and 50 per job). */
    public static final int PER_LEVEL = 10;
    public static final int SUMMARY_MAX_BYTES = MarkdownReport.MAX_BYTES;

    private final Map<String, String> env;
    private final PrintStream out;
    private final Path root;
    private final Supplier<String> delimiters;
    /**
     * Annotations GitHub will still show in this step, per level (error, warning, notice). Kept
     * across {@link #publish} calls so that {@code all}, publishing several gates from one step
     * with one instance, shares the step's budget instead of printing annotations nobody sees.
     */
    private final int[] remaining = {PER_LEVEL, PER_LEVEL, PER_LEVEL};
    private FilterMode filterMode = FilterMode.NOFILTER;

    public GitHubActions(Map<String, String> env, PrintStream out) {
        this(env, out, null);
    }

    /**
     * {@code root} is the checked directory: when it lies inside {@code $GITHUB_WORKSPACE}, annotation
     * paths are made relative to the workspace (GitHub resolves them against the repository root).
     */
    public GitHubActions(Map<String, String> env, PrintStream out, Path root) {
        this(env, out, root, () -> "ghadelimiter_" + UUID.randomUUID());
    }

    GitHubActions(Map<String, String> env, PrintStream out, Path root, Supplier<String> delimiters) {
        this.env = env == null ? Map.of() : env;
        this.out = out;
        this.root = root;
        this.delimiters = delimiters;
    }

    /**
     * Publishes one gate's result: annotations, the step summary and the outputs (named
     * {@code <outputPrefix>verdict}, …; {@code all} uses the gate's name as the prefix).
     * Call {@link #addMasks} first, before anything from the run is printed.
     */
    public void publish(GateResult result, Map<String, Path> reports, SecretMasker masker, String outputPrefix) {
        SecretMasker m = masker == null ? new SecretMasker() : masker;
        GateResult r = Masked.of(result, m);
        Map<String, Path> files = reports == null ? Map.of() : reports;
        annotate(r, files);
        stepSummary(r);
        outputs(r, files, m, outputPrefix == null ? "" : outputPrefix);
    }

    /** Annotates only the findings {@code mode} accepts (the change's lines, say); all by default. */
    public GitHubActions filter(FilterMode mode) {
        this.filterMode = mode == null ? FilterMode.NOFILTER : mode;
        return this;
    }

    /** Prints untrusted text so that the runner runs no command in it: inside {@code ::stop-commands::}. */
    public void printVerbatim(String text) {
        out.println(WorkflowCommands.verbatim(text));
    }

    /** {@code ::add-mask::} for each line of each secret, before anything else is printed. */
    public void addMasks(SecretMasker masker) {
        java.util.Set<String> lines = new TreeSet<>();
        for (String secret : masker.secrets()) {
            for (String line : secret.split("\\r?\\n|\\r")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        lines.forEach(line -> out.println(WorkflowCommands.command("add-mask", Map.of(), line)));
    }

    private record Annotation(Severity level, String line) {
    }

    void annotate(GateResult result, Map<String, Path> reports) {
        List<Annotation> all = new ArrayList<>();
        for (Threshold t : result.thresholds()) {
            if (!t.passed()) {
                Map<String, String> props = new LinkedHashMap<>();
                props.put("title", result.gate() + " threshold " + t.name());
                all.add(new Annotation(Severity.ERROR, WorkflowCommands.command("error", props,
                        Wording.thresholdVerdict(t))));
            }
        }
        // within a level, the change's own lines first; an explicit filter mode annotates nothing else
        List<Finding> findings = result.findings().stream().filter(f -> filterMode.accepts(f.diff()))
                .sorted(Comparator.comparing(Finding::severity)
                        .thenComparing(f -> f.diff() == null ? Finding.DiffPosition.OUTSIDE.ordinal() : f.diff().ordinal())
                        .thenComparing(Finding.IMPORTANCE)).toList();
        for (Finding f : findings) {
            all.add(new Annotation(f.severity(), annotation(f)));
        }
        int filtered = result.findings().size() - findings.size();
        try (JobBudget job = JobBudget.open(env)) {
            job.spend(print(result.gate(), all, filtered, job.left(), reports));
        }
    }

    /**
     * Prints the annotations the step's and the job's budgets still allow, by level in order, and
     * when some are left out a notice that counts them; returns how many annotations it printed.
     */
    private int print(String gate, List<Annotation> all, int filtered, int jobLeft, Map<String, Path> reports) {
        int[] total = new int[Severity.values().length];
        all.forEach(a -> total[a.level().ordinal()]++);
        boolean overflow = filtered > 0 || jobLeft < all.size();
        for (int i = 0; i < total.length; i++) {
            overflow |= total[i] > remaining[i];
        }
        // the overflow notice is itself a notice: keep a slot for it, in the step and in the job
        int[] cap = remaining.clone();
        if (overflow && cap[2] > 0) {
            cap[2]--;
        }
        int budget = overflow ? Math.max(0, jobLeft - 1) : jobLeft;
        int[] shown = new int[Severity.values().length];
        int printed = 0;
        for (Annotation a : all) {
            int i = a.level().ordinal();
            if (shown[i] < cap[i] && printed < budget) {
                out.println(a.line());
                shown[i]++;
                printed++;
            }
        }
        for (int i = 0; i < shown.length; i++) {
            remaining[i] -= shown[i];
        }
        if (!overflow) {
            return printed;
        }
        int hidden = all.size() - printed + filtered;
        String text = hidden + " more finding" + (hidden == 1 ? " is" : "s are") + " not annotated ("
                + (total[0] - shown[0]) + " errors, " + (total[1] - shown[1]) + " warnings, "
                + (total[2] - shown[2]) + " notes"
                + (filtered > 0 ? ", " + filtered + " outside filter mode " + filterMode.id() : "")
                + "; GitHub shows " + PER_LEVEL + " annotations per level per step and " + JobBudget.PER_JOB
                + " per job). " + reportPointer(reports);
        if (remaining[2] > 0 && printed < jobLeft) {
            out.println(WorkflowCommands.command("notice", Map.of("title", gate + ": more findings"), text));
            remaining[2]--;
            return printed + 1;
        }
        note(text); // no annotation left in this job: the log still says so
        return printed;
    }

    private String reportPointer(Map<String, Path> reports) {
        List<String> parts = new ArrayList<>();
        for (String f : List.of("md", "json", "sarif")) {
            if (reports.containsKey(f)) {
                parts.add(reports.get(f).toString());
            }
        }
        String summary = env.get("GITHUB_STEP_SUMMARY") != null ? "the job summary" : null;
        if (parts.isEmpty()) {
            return summary == null ? "Run with --format json to keep the full list." : "See " + summary + ".";
        }
        return "The full list: " + (summary == null ? "" : summary + " and ") + String.join(", ", parts) + ".";
    }

    String annotation(Finding f) {
        Map<String, String> props = new LinkedHashMap<>();
        if (f.file() != null && !f.file().isBlank()) {
            props.put("file", workspacePath(f.file()));
            if (f.line() > 0) {
                props.put("line", Integer.toString(f.line()));
                if (f.column() > 0) {
                    props.put("col", Integer.toString(f.column()));
                }
                if (f.endLine() >= f.line()) {
                    props.put("endLine", Integer.toString(f.endLine()));
                }
                if (f.endColumn() > 0 && (f.endLine() > f.line() || f.endColumn() >= f.column())) {
                    props.put("endColumn", Integer.toString(f.endColumn()));
                }
            }
        }
        String title = f.ruleId() + (f.category() == null || f.category().isBlank() ? "" : " (" + f.category() + ")")
                + (f.baselineState() == Finding.BaselineState.NEW ? " new" : "");
        props.put("title", title);
        String level = switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
        return WorkflowCommands.command(level, props, f.message().isEmpty() ? f.ruleId() : f.message());
    }

    private String workspacePath(String file) {
        return rootPrefix() + file;
    }

    /** The checked root relative to {@code $GITHUB_WORKSPACE} with a trailing '/', or "". */
    public String rootPrefix() {
        String ws = env.get("GITHUB_WORKSPACE");
        if (root == null || ws == null || ws.isBlank()) {
            return "";
        }
        try {
            Path workspace = Path.of(ws).toAbsolutePath().normalize();
            Path r = root.toAbsolutePath().normalize();
            if (!r.startsWith(workspace) || r.equals(workspace)) {
                return "";
            }
            return workspace.relativize(r).toString().replace('\\', '/') + "/";
        } catch (InvalidPathException e) {
            return "";
        }
    }

    /** Links to the commit's files on GitHub, keeping the checked root's subdirectory; none outside Actions. */
    public Links links() {
        String server = env.get("GITHUB_SERVER_URL");
        String repo = env.get("GITHUB_REPOSITORY");
        String sha = env.get("GITHUB_SHA");
        if (server == null || repo == null || sha == null || server.isBlank() || repo.isBlank() || sha.isBlank()) {
            return Links.NONE;
        }
        return new Links(server + "/" + repo + "/blob/" + sha, rootPrefix());
    }

    void stepSummary(GateResult result) {
        Path file = target("GITHUB_STEP_SUMMARY", "step summary");
        if (file == null) {
            return;
        }
        long existing = 0;
        try {
            existing = Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException ignored) {
            // the size is only used to stay under GitHub's limit; assume an empty file
        }
        long room = SUMMARY_MAX_BYTES - existing;
        if (room < 1024) {
            note("$GITHUB_STEP_SUMMARY already holds " + existing + " bytes; GitHub's limit is " + SUMMARY_MAX_BYTES
                    + ", so the " + result.gate() + " summary is skipped");
            return;
        }
        String md = MarkdownReport.render(result, (int) Math.min(room, SUMMARY_MAX_BYTES), links(),
                "`" + MarkdownText.code(Reports.fileName(result.gate(), "json")) + "` in the report directory");
        append(file, md.endsWith("\n") ? md : md + "\n", "$GITHUB_STEP_SUMMARY");
    }

    void outputs(GateResult result, Map<String, Path> reports, SecretMasker masker, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("verdict", result.verdict().name());
        values.put("exit-code", Integer.toString(result.verdict().exitCode()));
        values.put("errors", Long.toString(result.count(Severity.ERROR)));
        values.put("warnings", Long.toString(result.count(Severity.WARNING)));
        values.put("notes", Long.toString(result.count(Severity.NOTE)));
        values.put("findings", Integer.toString(result.findings().size()));
        values.put("failed-thresholds", Long.toString(result.thresholds().stream().filter(t -> !t.passed()).count()));
        if (result.baseline() != null) {
            values.put("new", Integer.toString(result.baseline().newCount()));
            values.put("fixed", Integer.toString(result.baseline().fixedCount()));
        }
        values.put("summary", result.summary() == null ? "" : result.summary());
        if (!reports.isEmpty()) {
            Path dir = reports.values().iterator().next().toAbsolutePath().getParent();
            values.put("report-dir", dir == null ? "" : dir.toString());
            reports.forEach((format, path) -> values.put("report-" + format, path.toAbsolutePath().toString()));
        }
        Map<String, String> named = new LinkedHashMap<>();
        values.forEach((k, v) -> named.put(prefix + k, v));
        writeOutputs(named, masker);
    }

    /**
     * Appends step outputs to {@code $GITHUB_OUTPUT} in the heredoc form (masked); for callers such
     * as {@code all} that publish a combined verdict. A missing variable is noted and skipped.
     */
    public void writeOutputs(Map<String, String> values, SecretMasker masker) {
        Path file = target("GITHUB_OUTPUT", "step outputs");
        if (file == null) {
            return;
        }
        SecretMasker m = masker == null ? new SecretMasker() : masker;
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(heredoc(name, m.mask(value))));
        append(file, text.toString(), "$GITHUB_OUTPUT");
    }

    /** {@code name<<DELIM\nvalue\nDELIM\n} with a delimiter that occurs in neither name nor value. */
    String heredoc(String name, String value) {
        String v = value == null ? "" : value;
        String delimiter = delimiters.get();
        while (v.contains(delimiter) || name.contains(delimiter)) {
            delimiter = delimiters.get();
        }
        return name + "<<" + delimiter + "\n" + v + "\n" + delimiter + "\n";
    }

    private Path target(String variable, String what) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            note("$" + variable + " is not set; " + what + " skipped");
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            note("$" + variable + " is not a usable path (" + e.getMessage() + "); " + what + " skipped");
            return null;
        }
    }

    private void append(Path file, String text, String what) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            note("cannot append to " + what + " (" + file + "): " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; skipped");
        }
    }

    private void note(String text) {
        out.println(ConsoleText.line("recovery-gates: " + ConsoleText.safe(text)));
    }
}
