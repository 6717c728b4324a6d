package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The syntax gate's verdict for files outside the gate: the same pool of {@code compile()} workers,
 * configured from the same {@code syntax.python} section, so that a repair is judged exactly as the
 * gate will judge the repaired file.
 */
public final class PythonCompiler implements AutoCloseable {

    /** The interpreter's verdict for one file; {@code category} as the syntax gate names it. */
    public record Verdict(boolean ok, String category, String message, int line, int column, int endLine,
                          int endColumn) {
    }

    private final PythonPool pool;

    private PythonCompiler(PythonPool pool) {
        this.pool = pool;
    }

    /**
     * Starts {@code workers} interpreters ({@code syntax.python.workers} when configured) as the gate would,
     * with the run's environment (its PATH finds the interpreter).
     */
    public static PythonCompiler open(Config config, int workers, java.util.Map<String, String> environment)
            throws GateException, InterruptedException {
        SyntaxConfig syntax = config.section("syntax", SyntaxConfig.class);
        int size = syntax.python().workers() != null ? syntax.python().workers()
                : workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        return new PythonCompiler(PythonPool.open(syntax.python(), size, environment));
    }

    /** "CPython 3.11.2". */
    public String interpreter() {
        return pool.hello().implementation() + " " + pool.hello().version();
    }

    /** Compiles every file (in parallel); the verdicts come back in the order of {@code files}. */
    public List<Verdict> compile(List<Path> files) throws GateException, InterruptedException {
        List<SourceFile> sources = new ArrayList<>(files.size());
        java.util.Map<Path, Integer> index = new java.util.HashMap<>();
        for (Path p : files) {
            long size;
            try {
                size = Files.size(p);
            } catch (IOException e) {
                size = 0;
            }
            index.put(p, sources.size());
            sources.add(SourceFile.unstated(p.toString(), p, size));
        }
        Verdict[] out = new Verdict[files.size()];
        pool.compile(sources, false, (f, r) -> {
            Verdict v = r.ok() ? new Verdict(true, null, null, 0, 0, 0, 0)
                    : new Verdict(false, r.category(), r.message(), r.line(), r.column(), r.endLine(), r.endColumn());
            synchronized (out) {
                out[index.get(f.absolute())] = v;
            }
        });
        return Arrays.asList(out);
    }

    @Override
    public void close() {
        pool.close();
    }
}
