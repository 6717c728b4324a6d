package io.github.recoverygates.syntax;

import com.sun.source.util.JavacTask;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac's own parser ({@link JavacTask#parse()}) at a {@code --release}: exactly what javac would say about syntax.
 * Parsing reads no class, so the tasks run at {@code -source} of that release: the same language
 * level and the same parser, without opening the platform's class tables ({@code ct.sym}) for every
 * file manager. File managers are reused from batch to batch (one per parsing thread at a time).
 */
final class JavacSyntax implements JavaSyntax {

    private final int release;
    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    /** Idle file managers; a batch takes one (or makes one) and gives it back. */
    private final ConcurrentLinkedQueue<StandardJavaFileManager> idle = new ConcurrentLinkedQueue<>();

    JavacSyntax(int release) {
        this.release = release;
        int current = Runtime.version().feature();
        if (release > current) {
            throw new IllegalArgumentException("syntax.java.release " + release + " is newer than this Java runtime ("
                    + current + ")");
        }
        // javac validates options when the task is made: an unsupported release fails here, as a config error
        StandardJavaFileManager files = newFileManager();
        compiler.getTask(null, files, d -> { }, options(), null, List.of());
        idle.add(files);
    }

    /** The language level of the release; its warnings about the missing system modules path are not asked for. */
    private List<String> options() {
        return List.of("-source", Integer.toString(release), "-Xlint:-options", "-proc:none", "-encoding", "UTF-8",
                "-Xmaxerrs", "100000");
    }

    private StandardJavaFileManager newFileManager() {
        return compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (StandardJavaFileManager files; (files = idle.poll()) != null; ) {
            try {
                files.close();
            } catch (IOException e) {
                // nothing was written through it; closing only releases the platform's open class tables
            }
        }
    }

    @Override
    public String name() {
        return "javac --release " + release;
    }

    @Override
    public Map<String, List<Finding>> parse(List<SourceFile> batch) {
        Map<String, List<Finding>> out = new HashMap<>();
        Map<String, SourceFile> byUri = new HashMap<>();
        for (SourceFile f : batch) {
            out.put(f.path(), new ArrayList<>());
        }
        DiagnosticListener<JavaFileObject> listener = d -> {
            if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null) {
                return;
            }
            SourceFile f = byUri.get(d.getSource().toUri().toString());
            if (f == null) {
                return;
            }
            int line = (int) Math.max(0, d.getLineNumber());
            int column = (int) Math.max(0, d.getColumnNumber());
            Finding.Builder finding = Finding.builder(SyntaxConfig.Language.JAVA.ruleId(), Severity.ERROR)
                    .category("java").file(f.path()).at(line, column).message(firstLine(d.getMessage(Locale.ROOT)));
            long start = d.getStartPosition();
            long end = d.getEndPosition();
            if (line > 0 && start >= 0 && end > start && end - start < 10_000) {
                finding.end(line, column + (int) (end - d.getPosition()));
            }
            synchronized (out) {
                out.get(f.path()).add(finding.build());
            }
        };
        StandardJavaFileManager reused = idle.poll();
        StandardJavaFileManager files = reused != null ? reused : newFileManager();
        boolean giveBack = false;
        try {
            List<JavaFileObject> units = new ArrayList<>();
            for (JavaFileObject unit : files.getJavaFileObjectsFromPaths(batch.stream().map(SourceFile::absolute).toList())) {
                units.add(unit);
            }
            for (int i = 0; i < units.size(); i++) {
                byUri.put(units.get(i).toUri().toString(), batch.get(i));
            }
            JavacTask task = (JavacTask) compiler.getTask(null, files, listener,
                    options(),
                    null, units);
            task.parse();
            giveBack = true;
        } catch (IOException e) {
            throw new IllegalStateException("javac could not read the sources: " + e.getMessage(), e);
        } finally {
            if (giveBack) {
                idle.add(files);
            } else {
                closeQuietly(files);
            }
        }
        return out;
    }

    private static void closeQuietly(StandardJavaFileManager files) {
        try {
            files.close();
        } catch (IOException e) {
            // see close()
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
