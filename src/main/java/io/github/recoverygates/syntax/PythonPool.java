package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.python.CodegenErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pool of persistent {@code python -u compile_worker.py} workers: the verdict for each file is
 * the interpreter's {@code compile()}; a worker failure is a {@link PythonResult#workerFailure}.
 */
final class PythonPool extends WorkerPool<PythonResult> {

    /** What the interpreter said about itself on start. */
    record Hello(String version, String implementation, String executable) {
    }

    private final SyntaxConfig.Python config;
    /**
     * Whether a file whose code generation cannot fail ({@link CodegenErrors}) is only run through the
     * symbol table: for CPython 3.11, whose code generator's errors those rules follow.
     */
    private boolean tablesSuffice;
    /** Each driver thread's reader, with its buffer. */
    private final ThreadLocal<CodegenErrors> readers = ThreadLocal.withInitial(CodegenErrors::new);

    private PythonPool(SyntaxConfig.Python config, int size, Path script, Map<String, String> environment) {
        super(new Terms("Python", "compiling", "syntax.python.timeout", config.timeout(), config.batchSize()),
                new WorkerProcess.Launch(List.of(config.interpreter(), "-u", script.toString()),
                        Map.of("PYTHONIOENCODING", "utf-8", "PYTHONDONTWRITEBYTECODE", "1"), "interpreter worker"),
                size, script.getParent(), environment);
        this.config = config;
    }

    /**
     * Writes the worker script and starts the first of {@code size} workers, whose hello tells the
     * interpreter's version (the drivers start the others when there are files to compile). Fails
     * when that worker does not start, or the interpreter is no Python 3.
     */
    static PythonPool open(SyntaxConfig.Python config, int size, Map<String, String> environment)
            throws GateException, InterruptedException {
        PythonPool pool = new PythonPool(config, size, writeScript("compile_worker.py", "Python compile worker"), environment);
        // one worker for the interpreter's hello (a reused run needs no more); the drivers start the others
        IOException failure = pool.startIdle(1);
        if (pool.said() == null) {
            pool.close();
            throw new GateException("cannot run the Python interpreter '" + config.interpreter() + "': "
                    + failure.getMessage() + ". Install Python 3 or set syntax.python.interpreter in "
                    + ".recovery-gates.yml to a Python 3 executable", failure);
        }
        String version = pool.hello().version();
        if (version.isBlank() || !version.startsWith("3")) {
            pool.close();
            throw new GateException("the Python interpreter '" + config.interpreter() + "' reports version '"
                    + version + "'; a Python 3 interpreter is needed: set syntax.python.interpreter");
        }
        pool.tablesSuffice = "cpython".equals(pool.hello().implementation()) && version.startsWith("3.11.");
        return pool;
    }

    /** The interpreter the workers run. */
    Hello hello() {
        JsonNode said = said();
        return new Hello(said.path("version").asText(), said.path("implementation").asText(), said.path("executable").asText());
    }

    /** Compiles every file, calling the sink once per file; {@code hash} asks for each file's content key. */
    void compile(List<SourceFile> files, boolean hash, Sink<PythonResult> sink) throws GateException, InterruptedException {
        run(files, hash, sink);
    }

    /**
     * Per file, 't' where compile()'s verdict is the symbol table's ({@code _symtable.symtable()}: the
     * same parse, future imports and symbol table, without generating code, about 30 % cheaper), else
     * 'c'. A file this thread cannot read as a regular file of at most 16 MB is 'c': the worker reads it and says why.
     */
    /** Larger files (past the default syntax.maxFileSize, or behind a link the walk did not size) are compiled in full, unread here. */
    private static final long PLAN_MAX_BYTES = 16L << 20;

    @Override
    String plan(List<SourceFile> sent) {
        if (!tablesSuffice) {
            return null;
        }
        CodegenErrors reader = readers.get();
        StringBuilder plan = new StringBuilder(sent.size());
        for (SourceFile f : sent) {
            boolean table = false;
            try {
                table = Files.isRegularFile(f.absolute()) && Files.size(f.absolute()) <= PLAN_MAX_BYTES
                        && !reader.possible(Files.readAllBytes(f.absolute()));
            } catch (IOException e) {
                // compiled in full: the worker's own reading gives the verdict
            }
            plan.append(table ? 't' : 'c');
        }
        return plan.toString();
    }

    /** The worker's answer for a file that compiles, with its content key: {@code {"ok":1,"sha":"<40 hex>"}}. */
    private static final String OK_WITH_KEY = "{\"ok\":1,\"sha\":\"";
    private static final int KEY_LENGTH = 40;

    @Override
    PythonResult answer(SourceFile file, String line) {
        if (line.length() == OK_WITH_KEY.length() + KEY_LENGTH + 2 && line.startsWith(OK_WITH_KEY) && line.endsWith("\"}")) {
            String key = line.substring(OK_WITH_KEY.length(), OK_WITH_KEY.length() + KEY_LENGTH);
            return new PythonResult(true, null, null, 0, 0, 0, 0, false, key);
        }
        try {
            return PythonResult.parse(line);
        } catch (IOException e) {
            return PythonResult.workerFailure("the interpreter worker answered something unreadable: " + line);
        }
    }

    @Override
    PythonResult failure(SourceFile file, String why) {
        return PythonResult.workerFailure(why);
    }

    @Override
    GateException cannotStart(IOException e) {
        return new GateException("cannot restart a Python worker with '" + config.interpreter()
                + "': " + e.getMessage() + ". Check syntax.python.interpreter", e);
    }
}
