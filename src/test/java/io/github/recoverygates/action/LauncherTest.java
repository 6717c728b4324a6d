package io.github.recoverygates.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/recovery-gates, run with /bin/sh as users run it: same argv and exit code as {@code java -jar},
 * an application class-data archive made on the first run of a command and used on the next ones,
 * and a silent plain run whenever the archive cannot be made or is refused.
 */
class LauncherTest {

    static final Path LAUNCHER = Path.of("bin/recovery-gates").toAbsolutePath();

    @TempDir
    Path sandbox;
    Path recorder;
    Path argvFile;
    Path cache;

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeEach
    void setUp() throws IOException {
        recorder = TestJars.argvRecorder(Files.createDirectories(sandbox.resolve("jars")));
        argvFile = sandbox.resolve("argv.txt");
        cache = sandbox.resolve("xdg");
    }

    Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(sandbox.toFile());
        Map<String, String> e = pb.environment();
        e.remove("RECOVERY_GATES_JAVA_OPTS");
        e.remove("RECOVERY_GATES_CDS");
        e.remove("RECOVERY_GATES_CDS_DIR");
        e.put("XDG_CACHE_HOME", cache.toString());
        e.put("RECOVERY_GATES_JAR", recorder.toString());
        e.put("RG_ARGV_FILE", argvFile.toString());
        e.putAll(env);
        Path out = sandbox.resolve("stdout.txt");
        Path err = sandbox.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    List<Path> archives() throws IOException {
        Path root = cache.resolve("recovery-gates/cds");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    @Test
    void passesArgumentsAndExitCodeThroughAndMakesThenUsesAnArchivePerCommand() throws Exception {
        Run first = launch(Map.of("RG_EXIT", "3"), "recovery", "--root", "a b", "$HOME", "*");
        assertThat(first.exit()).isEqualTo(3);
        assertThat(first.stdout()).as("nothing from the JVM's archiving lands in stdout").isEmpty();
        assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "--root", "a b", "$HOME", "*");
        assertThat(archives()).hasSize(1);
        assertThat(archives().get(0).getFileName()).hasToString("recovery.jsa");

        Path classLog = sandbox.resolve("classes.log");
        Run second = launch(Map.of("RG_EXIT", "1", "RECOVERY_GATES_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "recovery", "--quiet");
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.stdout()).isEmpty();
        assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "--quiet");
        assertThat(Files.readString(classLog)).as("the application class came from the archive")
                .containsPattern("ArgvRecorder source: shared objects file \\(top\\)");

        launch(Map.of(), "syntax");
        assertThat(archives()).extracting(p -> p.getFileName().toString()).containsExactly("recovery.jsa", "syntax.jsa");
        try (Stream<Path> left = Files.walk(cache)) {
            assertThat(left.map(Path::toString)).as("no partial archive or copy is left").noneMatch(n -> n.endsWith(".part")
                    || n.matches(".*\\.jar\\.[0-9]+$"));
        }
    }

    @Test
    void aNewJarGetsItsOwnArchiveAndOptionsThatAreNotCommandsRunPlain() throws Exception {
        launch(Map.of(), "recovery");
        Path other = sandbox.resolve("other.jar");
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(recorder));
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(other), in.getManifest())) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new java.util.jar.JarEntry("other.txt")); // other bytes: another jar
            out.write("other\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        launch(Map.of("RECOVERY_GATES_JAR", other.toString()), "recovery");
        assertThat(archives()).hasSize(2);

        Run version = launch(Map.of(), "--version");
        assertThat(version.exit()).isZero();
        assertThat(Files.readAllLines(argvFile)).containsExactly("--version");
        assertThat(archives()).hasSize(2);
    }

    /** The memos under cds/jars/: file name (what stat says of jar, java and JDK) to content. */
    Map<String, String> memos() throws IOException {
        Path jars = cache.resolve("recovery-gates/cds/jars");
        Map<String, String> memos = new HashMap<>();
        if (Files.isDirectory(jars)) {
            try (Stream<Path> files = Files.list(jars)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    memos.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return memos;
    }

    /** A PATH holding only {@code tools}, linked from where the real PATH has them. */
    Path pathWith(String... tools) throws IOException {
        Path bin = Files.createDirectories(sandbox.resolve("bin-" + String.join("-", tools)));
        for (String tool : tools) {
            Path found = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, tool))
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(tool + " is not on PATH"));
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        return bin;
    }

    Run launchLoggingClasses(Map<String, String> env, Path classLog, String... args) throws Exception {
        Map<String, String> withLog = new HashMap<>(env);
        withLog.put("RECOVERY_GATES_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        return launch(withLog, args);
    }

    static final String FROM_ARCHIVE = "ArgvRecorder source: shared objects file (top)";

    @Test
    void aWarmRunFindsItsArchiveThroughTheMemoWithoutHashing() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(launch(env, "recovery").exit()).isZero();
        assertThat(memos()).hasSize(1);
        String name = archives().get(0).getParent().getFileName().toString();
        assertThat(memos().values()).containsExactly(name + "\n");
        assertThat(memos().keySet().iterator().next()).as("jar, java and the JDK's release file, each device_inode_size_mtime")
                .matches("[0-9]+_[0-9]+_[0-9]+_[0-9.]+-[0-9]+_[0-9]+_[0-9]+_[0-9.]+-[0-9]+_[0-9]+_[0-9]+_[0-9.]+");

        // no sha256sum, shasum, openssl, readlink, cut or cat: only stat
        env.put("PATH", pathWith("stat").toString());
        Path classLog = sandbox.resolve("warm.log");
        Run warm = launchLoggingClasses(env, classLog, "recovery", "--quiet");
        assertThat(warm.exit()).isZero();
        assertThat(warm.stderr()).isEmpty();
        assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "--quiet");
        assertThat(Files.readString(classLog)).as("the warm run used the archive").contains(FROM_ARCHIVE);

        // the same PATH without the memo: nothing can hash the jar, so the run is plain (and still right)
        for (String memo : memos().keySet()) {
            Files.delete(cache.resolve("recovery-gates/cds/jars").resolve(memo));
        }
        Path plainLog = sandbox.resolve("plain.log");
        Run plain = launchLoggingClasses(env, plainLog, "recovery", "--again");
        assertThat(plain.exit()).isZero();
        assertThat(plain.stderr()).isEmpty();
        assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "--again");
        assertThat(Files.readString(plainLog)).contains("ArgvRecorder source:").doesNotContain(FROM_ARCHIVE);
        assertThat(memos()).isEmpty();
    }

    @Test
    void aJarRebuiltInPlaceOrReplacedGetsANewArchiveDirectory() throws Exception {
        launch(Map.of(), "recovery");
        assertThat(archives()).hasSize(1);
        byte[] original = Files.readAllBytes(recorder);

        // rewritten in place (same inode): other size, other modification time
        byte[] rebuilt = withExtraEntry(recorder, "rebuilt.txt");
        Files.write(recorder, rebuilt);
        Path classLog = sandbox.resolve("rebuilt.log");
        assertThat(launch(Map.of(), "recovery").exit()).isZero();
        assertThat(archives()).hasSize(2);
        assertThat(launchLoggingClasses(Map.of(), classLog, "recovery", "--warm").exit()).isZero();
        assertThat(Files.readString(classLog)).contains(FROM_ARCHIVE);
        assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "--warm");

        // replaced by another file (new inode), with the first jar's bytes again: the first archive directory
        Path replacement = sandbox.resolve("replacement.jar");
        Files.write(replacement, original);
        Files.move(replacement, recorder, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(launch(Map.of(), "recovery").exit()).isZero();
        assertThat(archives()).hasSize(2);
        assertThat(memos()).hasSize(3);

        List<Path> dirs = archives().stream().map(Path::getParent).toList();
        assertThat(dirs).doesNotHaveDuplicates();
        List<byte[]> copies = new ArrayList<>();
        for (Path dir : dirs) {
            copies.add(Files.readAllBytes(dir.resolve("recovery-gates.jar")));
        }
        assertThat(copies).as("each directory holds a copy of its own jar")
                .anySatisfy(c -> assertThat(c).isEqualTo(original)).anySatisfy(c -> assertThat(c).isEqualTo(rebuilt));
        assertThat(memos().values()).as("the memos name those directories")
                .containsOnly(dirs.get(0).getFileName() + "\n", dirs.get(1).getFileName() + "\n");
    }

    static byte[] withExtraEntry(Path jar, String entryName) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
             var out = new java.util.jar.JarOutputStream(bytes, in.getManifest())) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new java.util.jar.JarEntry(entryName)); // other bytes: another jar
            out.write(entryName.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aMemoWithGarbageIsHashedAgainAndRewritten() throws Exception {
        launch(Map.of(), "recovery");
        Map<String, String> good = memos();
        assertThat(good).hasSize(1);
        Path memo = cache.resolve("recovery-gates/cds/jars").resolve(good.keySet().iterator().next());
        List<byte[]> garbage = List.of("../../../tmp\n".getBytes(StandardCharsets.UTF_8), new byte[0],
                "0123456789abcdef-0123456789abX\n".getBytes(StandardCharsets.UTF_8),
                "plainly not\n".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xff, 0, '\n', 'x'});
        int i = 0;
        for (byte[] content : garbage) {
            Files.write(memo, content);
            Path classLog = sandbox.resolve("garbage" + i + ".log");
            Run run = launchLoggingClasses(Map.of("RG_EXIT", "4"), classLog, "recovery", "run " + i);
            assertThat(run.exit()).isEqualTo(4);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).isEmpty();
            assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "run " + i);
            assertThat(Files.readString(classLog)).as("garbage %d: the archive was found again", i).contains(FROM_ARCHIVE);
            assertThat(memos()).as("garbage %d: the memo is written anew", i).isEqualTo(good);
            i++;
        }
        assertThat(archives()).hasSize(1);
    }

    @Test
    void anotherJavaGetsItsOwnArchive() throws Exception {
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        Path otherHome = Files.createDirectories(sandbox.resolve("other-jdk/bin")).getParent();
        Path wrapper = otherHome.resolve("bin/java");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + realJava + "' \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        launch(Map.of("JAVA_HOME", System.getProperty("java.home")), "recovery");
        launch(Map.of("JAVA_HOME", otherHome.toString()), "recovery");
        assertThat(archives()).hasSize(2);
        assertThat(archives().stream().map(Path::getParent).distinct()).hasSize(2);
        Path classLog = sandbox.resolve("other.log");
        assertThat(launchLoggingClasses(Map.of("JAVA_HOME", otherHome.toString()), classLog, "recovery").exit()).isZero();
        assertThat(Files.readString(classLog)).contains(FROM_ARCHIVE);
        assertThat(memos()).hasSize(2);
    }

    @Test
    void aCorruptArchiveAnUnusableCacheOrCdsOffAllFallBackSilently() throws Exception {
        launch(Map.of(), "recovery");
        Path archive = archives().get(0);
        archive.toFile().setWritable(true);
        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        Run corrupt = launch(Map.of("RG_EXIT", "1"), "recovery", "x");
        assertThat(corrupt.exit()).isEqualTo(1);
        assertThat(corrupt.stdout()).isEmpty();
        assertThat(corrupt.stderr()).isEmpty();
        assertThat(Files.readAllLines(argvFile)).containsExactly("recovery", "x");

        Files.writeString(sandbox.resolve("file"), "a file, not a directory\n");
        Run noCache = launch(Map.of("RECOVERY_GATES_CDS_DIR", sandbox.resolve("file/cds").toString(), "RG_EXIT", "2"), "ssot");
        assertThat(noCache.exit()).isEqualTo(2);
        assertThat(noCache.stderr()).isEmpty();
        assertThat(Files.readAllLines(argvFile)).containsExactly("ssot");

        Run off = launch(Map.of("RECOVERY_GATES_CDS", "0"), "golden-path");
        assertThat(off.exit()).isZero();
        assertThat(archives()).extracting(p -> p.getFileName().toString()).containsExactly("recovery.jsa");
    }

    @Test
    void syntaxAndAnSsotRunWhoseCacheHoldsTheLastRunsMemoGetTheFirstJitTierAndTheSerialCollectorAColdSsotRunTheFullJit()
            throws Exception {
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        Path home = Files.createDirectories(sandbox.resolve("recording-jdk/bin")).getParent();
        Path jvmArgs = sandbox.resolve("jvm-args.txt");
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + jvmArgs + "'\nexec '" + realJava + "' \"$@\"\n");
        home.resolve("bin/java").toFile().setExecutable(true);
        Path dir = Files.createDirectories(sandbox.resolve("gate-cache"));
        Map<String, String> env = Map.of("JAVA_HOME", home.toString(), "RECOVERY_GATES_CDS", "0");
        String c1 = "-XX:TieredStopAtLevel=1";
        String serial = "-XX:+UseSerialGC";

        assertThat(launch(env, "ssot", "--cache", dir.toString()).exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).as("no memo yet: a cold scan").doesNotContain(c1, serial).contains("ssot");
        Files.writeString(dir.resolve("ssot.run"), "the last run's memo\n");
        assertThat(launch(env, "ssot", "--root", ".", "--cache", dir.toString()).exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).contains(c1, serial);
        assertThat(launch(env, "ssot", "--cache=" + dir).exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).contains(c1, serial);
        assertThat(launch(env, "ssot", "--out", dir.toString()).exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).as("--out is not --cache").doesNotContain(c1, serial);

        assertThat(launch(env, "syntax").exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).as("the interpreter compiles: C1 even cold").contains(c1).doesNotContain(serial);
        assertThat(Files.readAllLines(argvFile)).containsExactly("syntax");
        assertThat(launch(env, "syntax", "--cache", dir.toString()).exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).as("ssot's memo is not syntax's").contains(c1).doesNotContain(serial);
        Files.writeString(dir.resolve("syntax.run"), "the last run's memo\n");
        assertThat(launch(env, "syntax", "--cache", dir.toString()).exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).contains(c1, serial);
    }

    @Test
    void theRunThatWritesAnArchiveCompilesInTheForegroundSoNoMethodIsArchivedWhileQueuedForTheJit() throws Exception {
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        Path home = Files.createDirectories(sandbox.resolve("recording-jdk/bin")).getParent();
        Path jvmArgs = sandbox.resolve("jvm-args.txt");
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + jvmArgs + "'\nexec '" + realJava + "' \"$@\"\n");
        home.resolve("bin/java").toFile().setExecutable(true);
        Map<String, String> env = Map.of("JAVA_HOME", home.toString());
        String foreground = "-XX:-BackgroundCompilation";

        assertThat(launch(env, "ssot").exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")).contains(foreground);
        assertThat(archives()).extracting(p -> p.getFileName().toString()).containsExactly("ssot.jsa");

        assertThat(launch(env, "ssot").exit()).isZero();
        assertThat(Files.readAllLines(jvmArgs)).as("a run that maps the archive compiles in the background")
                .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")).doesNotContain(foreground);
    }

    @Test
    void aMissingJarIsAClearUsageError() throws Exception {
        Run run = launch(Map.of("RECOVERY_GATES_JAR", sandbox.resolve("nope.jar").toString()), "recovery");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("RECOVERY_GATES_JAR names no file").contains("nope.jar");
    }

    @Test
    void theRealEngineAnswersThroughTheLauncherExactlyAsThroughJavaJar() throws Exception {
        // the engine under test is a development jar (a manifest Class-Path into target/classes): the launcher
        // must see that it cannot be archived and run it plain, with the same output and exit code
        assumeTrue(ActionTest.onPath("unzip"), "unzip is not installed: the launcher cannot tell a development jar");
        Path engine = TestJars.engineLauncher(Files.createDirectories(sandbox.resolve("engine")));
        Path repo = Files.createDirectories(sandbox.resolve("repo"));
        Files.writeString(repo.resolve("ok.py"), "x = 1\n");
        Files.writeString(repo.resolve("broken.py"), "def f(:\n    pass\n");
        Map<String, String> env = new HashMap<>(Map.of("RECOVERY_GATES_JAR", engine.toString()));
        for (String[] args : List.of(new String[]{"--version"},
                new String[]{"syntax", "--root", repo.toString(), "--out", sandbox.resolve("o1").toString(), "--quiet"},
                new String[]{"syntax", "--root", repo.toString(), "--out", sandbox.resolve("o2").toString(), "--quiet"})) {
            Run viaLauncher = launch(env, args);
            List<String> direct = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", engine.toString()));
            direct.addAll(List.of(args));
            Process p = new ProcessBuilder(direct).redirectErrorStream(false).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(viaLauncher.exit()).isEqualTo(p.exitValue());
            assertThat(viaLauncher.stdout().replace("/o1", "/oX").replace("/o2", "/oX"))
                    .isEqualTo(stdout.replace("/o1", "/oX").replace("/o2", "/oX"));
        }
        assertThat(archives()).isEmpty();
        assertThat(memos().values()).as("remembered as a jar that runs plain").containsExactly("plain\n");
    }

    @Test
    void theLauncherIsShellcheckClean() throws Exception {
        assumeTrue(ActionTest.onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");
        Process p = new ProcessBuilder("shellcheck", "-s", "sh", LAUNCHER.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
