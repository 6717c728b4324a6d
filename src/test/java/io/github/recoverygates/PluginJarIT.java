package io.github.recoverygates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin-facing engine jar ({@code recovery-gates-<version>-plugin.jar}, what the Jenkins plugin
 * bundles) after {@code package}: only our classes and libraries relocated under
 * {@code io.github.recoverygates.shaded.}, no CLI, Jetty or slf4j, no service file but our Gate's, no
 * class that still names a library by its own package; and the relocated engine runs real gates from
 * it alone, in a class loader that sees nothing but the JDK.
 */
class PluginJarIT {

    private static final String OURS = "io/github/recoverygates/";
    private static final String SHADED = OURS + "shaded/";
    /** Left out of the plugin-facing jar: the CLI (picocli) and the demo server (Jetty, slf4j). */
    private static final List<String> LEFT_OUT = List.of(OURS + "cli/", OURS + "demo/", "org/eclipse/jetty/",
            "org/slf4j/", "picocli/");
    /** The bundled libraries' own packages: after relocation no class may name them. */
    private static final List<String> RELOCATED = List.of("com/fasterxml/", "com/ctc/", "org/codehaus/stax2/",
            "com/github/javaparser/", "com/nimbusds/", "org/yaml/snakeyaml/", "org/postgresql/", "org/checkerframework/");
    private static final Pattern DESCRIPTOR = Pattern.compile("L([A-Za-z_$][A-Za-z0-9_$/]*);");

    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void theJarIsBuilt() {
        jar = Path.of(System.getProperty("recoverygates.pluginJar", "target/recovery-gates-plugin.jar"));
        assertThat(jar).as("run by `mvn verify` after `package`").isRegularFile();
    }

    @Test
    void everyEntryIsOursOrRelocatedAndOnlyOurServiceFileIsRegistered() throws IOException {
        List<String> foreign = new ArrayList<>();
        int classes = 0;
        int shaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : file.stream().toList()) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                boolean allowed = name.startsWith(OURS) && LEFT_OUT.stream().noneMatch(name::startsWith)
                        || name.equals("META-INF/MANIFEST.MF")
                        || name.equals("META-INF/services/io.github.recoverygates.core.Gate")
                        || name.startsWith("META-INF/") && !name.startsWith("META-INF/services/")
                            && name.toUpperCase(java.util.Locale.ROOT).matches(".*(LICENSE|NOTICE)[^/]*");
                if (!allowed) {
                    foreign.add(name);
                }
                if (name.endsWith(".class")) {
                    classes++;
                    shaded += name.startsWith(SHADED) ? 1 : 0;
                }
            }
            assertThat(foreign).as("entries outside our packages and the relocated prefix").isEmpty();
            assertThat(classes - shaded).as("our own classes").isGreaterThan(200);
            assertThat(shaded).as("relocated library classes (Jackson, Woodstox, JavaParser, nimbus, snakeyaml, pgJDBC)")
                    .isGreaterThan(3000);
            String services = new String(file.getInputStream(file.getEntry("META-INF/services/io.github.recoverygates.core.Gate"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String provider : services.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                assertThat(file.getEntry(provider.replace('.', '/') + ".class")).as(provider).isNotNull();
            }
        }
    }

    @Test
    void noClassNamesALeftOutOrUnrelocatedPackage() throws IOException {
        List<String> problems = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                Pool pool = constantPool(file.getInputStream(e).readAllBytes());
                for (String type : pool.types()) {
                    if (concat(LEFT_OUT, RELOCATED).stream().anyMatch(type::startsWith)) {
                        problems.add(e.getName() + " -> " + type);
                    }
                }
                // a class name in a string (Class.forName, a service name) must be relocated too
                for (String text : pool.strings()) {
                    if (RELOCATED.stream().anyMatch(prefix -> text.startsWith(prefix.replace('/', '.')) || text.startsWith(prefix))) {
                        problems.add(e.getName() + " -> \"" + text + "\"");
                    }
                }
            }
        }
        assertThat(problems).as("references the relocation missed, or to classes left out").isEmpty();
    }

    @Test
    void ourClassesReferenceOnlyClassesInTheJarOrTheJdk() throws IOException {
        TreeSet<String> missing = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : file.stream().filter(e -> e.getName().endsWith(".class")
                    && e.getName().startsWith(OURS) && !e.getName().startsWith(SHADED)).toList()) {
                for (String type : constantPool(file.getInputStream(e).readAllBytes()).types()) {
                    if (file.getEntry(type + ".class") == null && !inJdk(type)) {
                        missing.add(e.getName() + " -> " + type);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theRelocatedEngineRunsTheSyntaxGateAndWritesEveryReport() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        write(ws, "src/ok.py", "def ok():\n    return 1\n");
        write(ws, "src/bad.py", "def broken(:\n    pass\n");
        write(ws, "conf/app.yml", "a: [1, 2]\n");
        write(ws, "conf/bad.yml", "a: [1, 2\n");
        write(ws, "data/ok.json", "{\"a\": 1}\n");
        write(ws, "pyproject.toml", "[project]\nname = \"x\"\n");
        write(ws, "src/Main.java", "class Main { void m() { int x = ; } }\n");

        Map<String, Object> t = runStep("syntaxGate", Map.of("out", "reports"), ws, System.getenv());

        Map<String, Object> result = map(t.get("result"));
        assertThat(result).containsEntry("verdict", "FAIL").containsEntry("buildResult", "FAILURE");
        assertThat(map(result.get("metrics"))).containsEntry("files.python", 2L).containsEntry("failed.python", 1L)
                .containsEntry("failed.yaml", 1L).containsEntry("failed.java", 1L);
        Map<String, Object> reports = map(result.get("reports"));
        assertThat(reports).containsOnlyKeys("json", "sarif", "junit", "md", "html");
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ws.resolve((String) reports.get("junit")).toFile());
        assertThat(junit.getDocumentElement().getTagName()).isEqualTo("testsuites");
        assertThat(Files.readString(ws.resolve((String) reports.get("sarif")))).contains("\"version\" : \"2.1.0\"");
    }

    @Test
    void theRelocatedEngineRunsRecoveryChecksWithTheStepsEnvironmentAndThePostgresDriver() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        write(ws, "ci/recovery.yml", """
                recovery:
                  wait: {timeout: 3s, interval: 200ms}
                  checks:
                    - {name: env, type: command, command: [python3, -c, "import os,sys; sys.exit(0 if os.environ.get('RG_FROM_STEP') == 'yes' else 4)"], timeout: 10s}
                    - {name: db, type: postgres, url: "postgres://u:p@127.0.0.1:%d/db", timeout: 2s, critical: false}
                """.formatted(closed));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RG_FROM_STEP", "yes");

        Map<String, Object> result = map(runStep("recoveryGate", Map.of("config", "ci/recovery.yml"), ws, env).get("result"));

        assertThat(result).as("%s", result).containsEntry("verdict", "WARN");
        assertThat((String) result.get("summary")).contains("db").contains("refused");
        assertThat(map(result.get("metrics"))).containsEntry("checks.up", 1L);
    }

    @Test
    void theRelocatedEngineMintsAJwtForTheGoldenPath() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        write(ws, "ci/gp.yml", """
                goldenPath:
                  login: {jwt: {secretEnv: RG_JWT_SECRET}}
                  websocket: {url: "ws://127.0.0.1:%d/ws", auth: header}
                  expect: {timeout: 2s, firstEventWithin: 1s}
                """.formatted(closed));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RG_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret");

        Map<String, Object> result = map(runStep("goldenPathGate",
                Map.of("config", "ci/gp.yml", "users", 1, "iterations", 1), ws, env).get("result"));

        assertThat(result).as("%s", result).containsEntry("verdict", "FAIL");
        assertThat(result.toString()).doesNotContain("NoClassDefFound").doesNotContain("0123456789abcdef");
    }

    /** One CI step through the plugin-facing jar only; the host's context class loader sees none of it. */
    private static Map<String, Object> runStep(String functionName, Map<String, Object> parameters, Path workspace,
                                               Map<String, String> env) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            Class<?> progress = loader.loadClass("io.github.recoverygates.core.Progress");
            Object runner = loader.loadClass("io.github.recoverygates.api.ci.CiRunner").getConstructor(progress)
                    .newInstance(progress.getField("SILENT").get(null));
            Object run = runner.getClass().getMethod("run", String.class, Map.class, Path.class, Map.class)
                    .invoke(runner, functionName, parameters, workspace, env);
            return map(run.getClass().getMethod("toTransport").invoke(run));
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(LinkedHashMap.class);
        return (Map<String, Object>) o;
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static boolean inJdk(String internalName) {
        try {
            Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A class file's constant pool: the classes it names (class entries and type descriptors) and its string constants. */
    record Pool(List<String> types, List<String> strings) {
    }

    static Pool constantPool(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classes = new ArrayList<>();
        List<Integer> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classes.add(in.readUnsignedShort());
                case 8 -> strings.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> types = new ArrayList<>();
        for (int index : classes) {
            Matcher m = DESCRIPTOR.matcher(utf8[index].startsWith("[") ? utf8[index] : "L" + utf8[index] + ";");
            while (m.find()) {
                types.add(m.group(1));
            }
        }
        java.util.Set<Integer> stringIndexes = new java.util.HashSet<>(strings);
        for (int i = 1; i < count; i++) {
            // field, method and generic signatures: (Lx;I)V, Lx;, Lx<Ly;>;
            if (utf8[i] != null && !stringIndexes.contains(i) && utf8[i].matches("[(\\[L<].*;.*")) {
                Matcher m = DESCRIPTOR.matcher(utf8[i].replaceAll("<[^;>]*", ";"));
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        List<String> texts = new ArrayList<>();
        strings.forEach(index -> texts.add(utf8[index]));
        return new Pool(types, texts);
    }

    static {
        // the tests start python3 (syntax gate, command check): it must be on the PATH
        assertThat(System.getenv("PATH")).isNotNull().contains(File.separator);
    }
}
