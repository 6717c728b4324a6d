package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.core.GateException;
import io.github.recoverygates.syntax.PythonCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The syntax gate's own {@code compile()} pool judging candidate sources: each is written to a
 * temporary directory outside the repository and compiled there, so the verdict is exactly the
 * one the gate will give the repaired file.
 */
final class PoolInterpreter implements Interpreter, AutoCloseable {

    private final PythonCompiler compiler;
    private final Path dir;
    private long next;

    private PoolInterpreter(PythonCompiler compiler, Path dir) {
        this.compiler = compiler;
        this.dir = dir;
    }

    /** Starts the syntax gate's pool as {@code syntax.python} configures it. */
    static PoolInterpreter open(io.github.recoverygates.core.Config config, int workers, java.util.Map<String, String> environment)
            throws GateException, InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("recovery-gates-repair");
        } catch (IOException e) {
            throw new GateException("cannot create a temporary directory for the candidates: " + e.getMessage(), e);
        }
        return new PoolInterpreter(PythonCompiler.open(config, workers, environment), dir);
    }

    String interpreter() {
        return compiler.interpreter();
    }

    /** The interpreter's verdicts on files as they are (the repository's own). */
    List<PythonCompiler.Verdict> verdicts(List<Path> files) throws GateException, InterruptedException {
        return compiler.compile(files);
    }

    @Override
    public List<Failure> compile(List<byte[]> sources) throws GateException, InterruptedException {
        if (sources.isEmpty()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>(sources.size());
        try {
            for (byte[] s : sources) {
                Path p = dir.resolve("candidate-" + (next++) + ".py");
                Files.write(p, s);
                files.add(p);
            }
            List<PythonCompiler.Verdict> verdicts = compiler.compile(files);
            List<Failure> out = new ArrayList<>(verdicts.size());
            for (PythonCompiler.Verdict v : verdicts) {
                out.add(v == null ? new Failure(PythonCategory.OTHER, "no verdict from the interpreter", 0, 0)
                        : v.ok() ? null : new Failure(v.category(), v.message(), v.line(), v.column()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a candidate to " + dir + ": " + e.getMessage(), e);
        } finally {
            for (Path p : files) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // removed with the directory
                }
            }
        }
    }

    @Override
    public void close() {
        compiler.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left to the OS
        }
    }
}
