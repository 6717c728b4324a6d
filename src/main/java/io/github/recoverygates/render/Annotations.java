package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a result's findings into line annotations: only findings with a file, errors first, then
 * warnings, then notes (each in report order), at most {@code max}. Column ranges are kept only on
 * a single line, as GitHub's checks API requires.
 */
public final class Annotations {

    private Annotations() {
    }

    public static List<Annotation> of(GateResult result, int max) {
        return of(result, max, "");
    }

    /**
     * As {@link #of(GateResult, int)}, with {@code prefix} (the checked root relative to the
     * repository, e.g. {@code examples/monorepo/}) put before each file, since checks and code
     * hosts want paths from the repository root.
     */
    public static List<Annotation> of(GateResult result, int max, String prefix) {
        return result.findings().stream()
                .filter(Finding::hasFile)
                .sorted(Finding.IMPORTANCE)
                .limit(Math.max(0, max))
                .map(f -> annotation(f, prefix))
                .toList();
    }

    /** How many annotatable findings {@link #of} left out because of {@code max}. */
    public static long omitted(GateResult result, int max) {
        long annotatable = result.findings().stream().filter(f -> f.file() != null && !f.file().isBlank()).count();
        return Math.max(0, annotatable - Math.max(0, max));
    }

    static Annotation annotation(Finding f, String prefix) {
        int line = Math.max(1, f.line());
        int endLine = Math.max(line, f.endLine());
        boolean oneLine = endLine == line;
        int column = oneLine && f.column() > 0 ? f.column() : 0;
        int endColumn = column > 0 && f.endColumn() >= column ? f.endColumn() : 0;
        String title = f.ruleId() + (f.category() == null || f.ruleId().endsWith("/" + f.category()) ? "" : " (" + f.category() + ")");
        String message = f.message() + (f.baselineState() == Finding.BaselineState.NEW ? " [new]" : "");
        return new Annotation(prefix + f.file(), line, endLine, column, endColumn, f.severity().id(), title, message);
    }
}
