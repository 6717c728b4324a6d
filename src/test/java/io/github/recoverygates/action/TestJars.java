package io.github.recoverygates.action;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Jars the action tests hand to the scripts, built in the test's temporary directory. */
public final class TestJars {

    private TestJars() {
    }

    /**
     * A launcher for the real engine under test: a jar with only a manifest whose Class-Path names
     * target/classes and every dependency jar of the test class path, so {@code java -jar} runs
     * exactly the code this build compiled (target/recovery-gates.jar does not exist yet while
     * surefire runs, since packaging comes after the tests).
     */
    public static Path engineLauncher(Path dir) throws IOException {
        Path jar = dir.resolve("recovery-gates.jar");
        List<String> entries = new ArrayList<>();
        for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(element).toAbsolutePath().normalize();
            if (p.toString().contains("test-classes") || !Files.exists(p)) {
                continue;
            }
            String uri = dir.toAbsolutePath().normalize().toUri().relativize(p.toUri()).toString();
            if (uri.startsWith("file:")) {
                // relativize() cannot express ../ paths; climb from the jar's directory by hand
                uri = "../".repeat(dir.toAbsolutePath().normalize().getNameCount()) + p.toUri().getRawPath().substring(1);
            }
            entries.add(Files.isDirectory(p) && !uri.endsWith("/") ? uri + "/" : uri);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.github.recoverygates.cli.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    /**
     * A test double for the engine, used only to observe the command line run-gate.sh builds
     * (the real engine cannot tell us its argv): it writes its arguments, one per line, to
     * $RG_ARGV_FILE and exits with $RG_EXIT.
     */
    static Path argvRecorder(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("recorder-src"));
        Path classes = Files.createDirectories(dir.resolve("recorder-classes"));
        Path source = src.resolve("ArgvRecorder.java");
        Files.writeString(source, """
                public final class ArgvRecorder {
                    public static void main(String[] args) throws Exception {
                        java.nio.file.Files.write(java.nio.file.Path.of(System.getenv("RG_ARGV_FILE")),
                                java.util.Arrays.asList(args));
                        String exit = System.getenv("RG_EXIT");
                        System.exit(exit == null ? 0 : Integer.parseInt(exit));
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-d", classes.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile the argv recorder");
        }
        Path jar = dir.resolve("argv-recorder.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "ArgvRecorder");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.list(classes)) {
            for (Path c : (Iterable<Path>) files::iterator) {
                out.putNextEntry(new JarEntry(c.getFileName().toString()));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        return jar;
    }
}
