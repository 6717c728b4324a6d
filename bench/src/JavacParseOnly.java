import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The Java half of the syntax benchmark's yardstick: javac's parser alone (JavacTask.parse)
 * over every .java file of a tree, with nothing else around it.
 *
 * <pre>java bench/src/JavacParseOnly.java ROOT [--threads N] [--release 17] [--batch 256] [--json]</pre>
 *
 * Walks ROOT with the engine's built-in directory excludes, splits the files into --threads
 * contiguous slices, and in each thread parses its slice in tasks of --batch files (one
 * file manager per thread), at {@code -source} of the release: parsing reads no class, so the
 * platform's class tables ({@code --release}'s ct.sym) are not opened, as the gate does not open
 * them. The time covers the walk and the parse, not JVM start-up, like the gate's own
 * durationMs. Prints files, files with errors, seconds and files per second.
 */
public final class JavacParseOnly {

    private static final Set<String> EXCLUDED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules", ".venv", "venv",
            ".tox", ".nox", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "target", "build", "dist",
            ".gradle", "out", "backups", "backup");

    public static void main(String[] args) throws Exception {
        Path root = null;
        int threads = 1;
        int batch = 256;
        String release = "17";
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--release" -> release = args[++i];
                case "--json" -> json = true;
                default -> root = Path.of(args[i]);
            }
        }
        if (root == null || !Files.isDirectory(root)) {
            System.err.println("usage: java JavacParseOnly.java ROOT [--threads N] [--release 17] [--batch 256] [--json]");
            System.exit(2);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            System.err.println("no system Java compiler: run with a JDK, not a JRE");
            System.exit(3);
        }

        long started = System.nanoTime();
        List<Path> files = javaFiles(root);
        int perThread = (files.size() + threads - 1) / Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> slices = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Path> slice = files.subList(Math.min(files.size(), t * perThread), Math.min(files.size(), (t + 1) * perThread));
            int batchSize = batch;
            String rel = release;
            slices.add(pool.submit(() -> parse(compiler, slice, batchSize, rel)));
        }
        int failed = 0;
        for (Future<Integer> slice : slices) {
            failed += slice.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = files.isEmpty() ? 0 : files.size() / seconds;
        if (json) {
            System.out.printf(Locale.ROOT, "{\"files\": %d, \"failed\": %d, \"seconds\": %.3f, \"filesPerSecond\": %.1f, \"threads\": %d}%n",
                    files.size(), failed, seconds, perSecond, threads);
        } else {
            System.out.printf(Locale.ROOT, "javac parse only x%d threads: %d files, %d with errors, %.2f s, %.0f files/s%n",
                    threads, files.size(), failed, seconds, perSecond);
        }
    }

    /** Parses the files in tasks of {@code batch}; returns how many files had an error. */
    private static int parse(JavaCompiler compiler, List<Path> files, int batch, String release) throws IOException {
        int failed = 0;
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            for (int from = 0; from < files.size(); from += batch) {
                List<Path> part = files.subList(from, Math.min(files.size(), from + batch));
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                JavacTask task = (JavacTask) compiler.getTask(null, fileManager, diagnostics,
                        List.of("-source", release, "-Xlint:-options", "-proc:none"), null, fileManager.getJavaFileObjectsFromPaths(part));
                task.parse();
                Set<Object> withErrors = new HashSet<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                        withErrors.add(d.getSource().toUri());
                    }
                }
                failed += withErrors.size();
            }
        }
        return failed;
    }

    private static List<Path> javaFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean excluded = !dir.equals(root) && (EXCLUDED_DIRS.contains(name) || name.contains("_backup")
                            || name.endsWith(".egg-info") || Files.isRegularFile(dir.resolve("pyvenv.cfg")));
                    return excluded ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }
}
