package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.failingFiles;
import static io.github.recoverygates.syntax.SyntaxFixtures.finding;
import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("TypeScript/JavaScript: the verdict of the repository's own typescript (parse only), through node workers")
class TypeScriptSyntaxTest {

    private static final String LANGUAGES = "syntax:\n  languages: [typescript, javascript]\n";

    @TempDir
    Path root;
    @TempDir
    Path work;

    static Stream<TypeScripts.Package> packages() {
        List<TypeScripts.Package> all = TypeScripts.all();
        return all.isEmpty() ? Stream.of((TypeScripts.Package) null) : all.stream();
    }

    private static TypeScripts.Package classicOrSkip() {
        TypeScripts.Package p = TypeScripts.all().stream().filter(x -> x.major() < 7).findFirst().orElse(null);
        assumeTrue(p != null, "no typescript with the JavaScript parser API (5.x; .ci/run installs one under "
                + "~/.cache/recovery-gates/typescript5): " + TypeScripts.whyNone());
        return p;
    }

    /** Valid and broken files of every extension, TSX, unicode before an error, a huge file and a binary one. */
    private void mixedTree() throws IOException {
        write(root, "web/ok.ts", "export interface User { id: number; name?: string }\nexport const f = (u: User): number => u.id;\n");
        write(root, "web/broken.ts", "export const x: number = ;\nlet y = 2\n");
        write(root, "web/unclosed.ts", "export function g(a: string {\n  return a;\n");
        write(root, "web/App.tsx", "export const App = () => <div className=\"x\">{[1, 2].map((n) => <b key={n}>{n}</b>)}</div>;\n");
        write(root, "web/Broken.tsx", "export const B = () => <div><span></div>;\n");
        write(root, "web/unicode.ts", "const s = \"é😀 ünïcödé\"; const t = \"日本\"; let z = ;\n");
        write(root, "web/esm.mts", "export const a: number = 1;\n");
        write(root, "web/cjs.cts", "export = { b: 2 as number };\n");
        write(root, "web/broken.mts", "import { a } from './esm.mjs'\nexport const c = a +;\n");
        write(root, "js/ok.js", "export function h(x) { return x?.y ?? 3; }\n");
        write(root, "js/broken.js", "function (\n");
        write(root, "js/ok.mjs", "export default async function main() { await Promise.resolve(1); }\n");
        write(root, "js/ok.cjs", "module.exports = { a: 1 };\n");
        write(root, "js/Comp.jsx", "export const C = () => <p>hi</p>;\n");
        write(root, "js/broken.jsx", "export const D = () => <p>hi</q>;\n");
        // type annotations in a .js file parse; "only in TypeScript files" is a check after the parser
        write(root, "js/typed.js", "let n: number = 1;\n");
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 150_000; i++) {
            huge.append("export const value").append(i).append(": number = ").append(i).append(";\n");
        }
        huge.append("export const last = (;\n");
        write(root, "web/huge.ts", huge.toString());
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (binary[i] & 0x7f); // ASCII control and printable bytes, NULs included
        }
        System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0}, 0, binary, 0, 6);
        write(root, "assets/logo.js", binary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void theVerdictsAreTheSameTypescriptsOwnSyntacticDiagnostics(TypeScripts.Package ts) throws Exception {
        assumeTrue(ts != null, TypeScripts.whyNone());
        mixedTree();
        TypeScripts.install(ts, root);
        RunResult r = run(root, work, LANGUAGES);

        Map<String, List<String>> oracle = tscSyntactic(ts);
        Map<String, List<String>> ours = new TreeMap<>();
        for (Finding f : r.result().findings()) {
            if (f.ruleId().startsWith("syntax/") && f.severity() == Severity.ERROR) {
                String code = f.message().substring(0, f.message().indexOf(':'));
                ours.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f.line() + ":" + f.column() + " " + code);
            }
        }
        assertThat(ours.keySet()).as("files with parse errors").isEqualTo(oracle.keySet());
        assertThat(ours.keySet()).containsExactlyInAnyOrder("web/broken.ts", "web/unclosed.ts", "web/Broken.tsx",
                "web/unicode.ts", "web/broken.mts", "js/broken.js", "js/broken.jsx", "web/huge.ts", "assets/logo.js");
        for (Map.Entry<String, List<String>> e : oracle.entrySet()) {
            List<String> expected = e.getValue();
            List<String> actual = ours.get(e.getKey()).stream().distinct().sorted(TypeScriptSyntaxTest::byPosition).toList();
            assertThat(actual.get(0)).as("first error of " + e.getKey()).isEqualTo(expected.get(0));
            if (expected.size() <= 10) {
                assertThat(actual).as("errors of " + e.getKey()).isEqualTo(expected);
            }
        }
        // the column counts code points: 2 emoji halves are one column
        assertThat(finding(r, "web/unicode.ts").column()).isEqualTo(49);
        assertThat(finding(r, "web/huge.ts").line()).isEqualTo(150_001);
        assertThat(failingFiles(r, "syntax/typescript")).contains("web/broken.ts", "web/Broken.tsx");
        assertThat(failingFiles(r, "syntax/javascript")).contains("js/broken.js", "assets/logo.js");

        Map<String, Number> m = r.result().metrics();
        assertThat(m.get("files.typescript").intValue()).isEqualTo(10);
        assertThat(m.get("failed.typescript").intValue()).isEqualTo(6);
        assertThat(m.get("files.javascript").intValue()).isEqualTo(8);
        assertThat(m.get("failed.javascript").intValue()).isEqualTo(3);
        assertThat(r.result().summary()).contains("6 of 10 TypeScript files do not parse", "3 of 8 JavaScript files do not parse");
        assertThat(r.result().details().get("typescript.version")).isEqualTo(ts.version());
        assertThat(r.result().details().get("typescript.api")).isEqualTo(ts.major() >= 7 ? "native" : "js");
        Table languages = (Table) r.result().sections().stream().filter(s -> s.id().equals("syntax-languages")).findFirst().orElseThrow();
        assertThat(languages.rows()).contains(List.of("TypeScript", "10", "6", "syntax/typescript"),
                List.of("JavaScript", "8", "3", "syntax/javascript"));
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
    }

    /** "line:codePointColumn TScode" sorts by line, then column, then code. */
    private static int byPosition(String a, String b) {
        return java.util.Comparator.<String>comparingInt(s -> Integer.parseInt(s.substring(0, s.indexOf(':'))))
                .thenComparingInt(s -> Integer.parseInt(s.substring(s.indexOf(':') + 1, s.indexOf(' '))))
                .thenComparingInt(s -> Integer.parseInt(s.substring(s.indexOf("TS") + 2)))
                .compare(a, b);
    }

    private static final Pattern TSC_LINE = Pattern.compile("^(.+)\\((\\d+),(\\d+)\\): error TS(\\d+): .*$");

    /**
     * The oracle: the same package's own {@code tsc} on the same files (no lib, no resolution). With
     * any syntax error present, tsc reports only syntactic diagnostics; the 8xxx "only in TypeScript
     * files" checks are not the parser's and are left out, as the gate leaves them out. Columns are
     * turned from UTF-16 units into code points.
     */
    private Map<String, List<String>> tscSyntactic(TypeScripts.Package ts) throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("node_modules"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        Path config = root.resolve("tsconfig.oracle.json");
        Files.writeString(config, io.github.recoverygates.core.Json.REPORT.writeValueAsString(Map.of(
                "compilerOptions", Map.of("noLib", true, "noResolve", true, "types", List.of(), "allowJs", true,
                        "noEmit", true, "jsx", "preserve", "target", "esnext", "skipLibCheck", true),
                "files", files)));
        Process p = new ProcessBuilder("node", ts.dir().resolve("bin/tsc").toString(), "-p", config.toString(), "--pretty", "false")
                .directory(root.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.delete(config);
        Map<String, TreeSet<String>> found = new TreeMap<>();
        for (String line : out.lines().toList()) {
            Matcher m = TSC_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int code = Integer.parseInt(m.group(4));
            if (code >= 8000 && code < 9000) {
                continue;
            }
            String file = m.group(1);
            Path path = Path.of(file).isAbsolute() ? Path.of(file) : root.resolve(file);
            String rel = root.relativize(path.normalize()).toString().replace('\\', '/');
            int lineNo = Integer.parseInt(m.group(2));
            int column = codePointColumn(path, lineNo, Integer.parseInt(m.group(3)));
            found.computeIfAbsent(rel, k -> new TreeSet<>((a, b) -> byPosition(a, b)))
                    .add(lineNo + ":" + column + " TS" + code);
        }
        assertThat(found).as("tsc said:\n" + out).isNotEmpty();
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()),
                (a, b) -> a, TreeMap::new));
    }

    private static int codePointColumn(Path file, int line, int utf16Column) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n|\r|\n|\u2028|\u2029", -1);
        String l = line - 1 < lines.length ? lines[line - 1] : "";
        int units = Math.min(Math.max(0, utf16Column - 1), l.length());
        return l.codePointCount(0, units) + 1;
    }

    @Test
    void withoutTypescriptTheFilesAreSkippedWithOneNoticeNotAnError() throws Exception {
        write(root, "web/a.ts", "export const a = 1;\n");
        write(root, "web/broken.ts", "export const b = ;\n");
        write(root, "js/c.js", "module.exports = 1;\n");
        RunResult r = run(root, work, LANGUAGES);

        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
        List<Finding> notes = r.result().findings().stream().filter(f -> f.severity() == Severity.NOTE).toList();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).message()).contains("3 TypeScript/JavaScript files not checked").contains("node_modules/typescript");
        assertThat(r.result().metrics().get("skipped.no-typescript").intValue()).isEqualTo(3);
        assertThat(r.result().metrics()).doesNotContainKeys("files.typescript", "files.javascript");
        assertThat(r.result().summary()).isEqualTo("no files to check");
    }

    @Test
    void withoutNodeOnThePathTheFilesAreSkippedWithOneNotice() throws Exception {
        write(root, "web/a.ts", "export const a = 1;\n");
        if (!TypeScripts.all().isEmpty()) {
            TypeScripts.install(TypeScripts.all().get(0), root);
        }
        Path emptyBin = Files.createDirectories(work.resolve("empty-bin"));
        RunResult r = run(root, work, LANGUAGES, req -> req.toBuilder().environment(Map.of("PATH", emptyBin.toString())).build());

        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
        Finding note = r.result().findings().stream().filter(f -> f.severity() == Severity.NOTE).findFirst().orElseThrow();
        assertThat(note.message()).contains("1 TypeScript/JavaScript files not checked").contains("no 'node' executable on the PATH");
        assertThat(r.result().metrics().get("skipped.no-typescript").intValue()).isEqualTo(1);
    }

    @Test
    void aTypescriptPackageWithoutAParserApiIsSkippedWithOneNoticeNaming() throws Exception {
        assumeTrue(TypeScripts.nodeOnPath(), "no node on the PATH");
        // what a half-finished install leaves: a package.json and a module without createSourceFile or dist/api
        write(root, "node_modules/typescript/package.json", "{\"name\": \"typescript\", \"version\": \"0.0.1\", \"main\": \"index.js\"}\n");
        write(root, "node_modules/typescript/index.js", "module.exports = { version: '0.0.1' };\n");
        write(root, "web/a.ts", "export const a = ;\n");
        RunResult r = run(root, work, LANGUAGES);

        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
        Finding note = r.result().findings().stream().filter(f -> f.severity() == Severity.NOTE).findFirst().orElseThrow();
        assertThat(note.message()).contains("1 TypeScript/JavaScript files not checked")
                .contains("typescript 0.0.1").contains("neither createSourceFile nor the native API");
        assertThat(r.result().metrics().get("skipped.no-typescript").intValue()).isEqualTo(1);
        assertThat(r.result().metrics()).doesNotContainKey("files.typescript");
    }

    @Test
    void theNearestAncestorsTypescriptIsUsedAsNodeResolvesIt() throws Exception {
        TypeScripts.Package ts = TypeScripts.all().isEmpty() ? null : TypeScripts.all().get(0);
        assumeTrue(ts != null, TypeScripts.whyNone());
        Path repo = Files.createDirectories(root.resolve("repo/frontend"));
        TypeScripts.install(ts, root); // root/node_modules/typescript, above the checked directory
        write(repo, "a.ts", "let a = ;\n");
        RunResult r = run(repo, work, LANGUAGES);
        assertThat(failingFiles(r, "syntax/typescript")).containsExactly("a.ts");
        assertThat(r.result().details().get("typescript.path").toString()).isEqualTo(root.resolve("node_modules/typescript").toString());
    }

    @Test
    void eachPackageOfAMonorepoIsParsedByTheTypescriptNodeResolvesFromIt() throws Exception {
        List<TypeScripts.Package> all = TypeScripts.all();
        assumeTrue(all.size() >= 2, "two typescript versions (.ci/run installs the latest and 5): found " + all);
        // not hoisted: web/ has its own typescript, app/ another, lib/ none (npm install was never run there)
        TypeScripts.install(all.get(0), Files.createDirectories(root.resolve("web")));
        TypeScripts.install(all.get(1), Files.createDirectories(root.resolve("app")));
        write(root, "web/src/a.ts", "let a = ;\n");
        write(root, "web/src/ok.tsx", "export const A = () => <i/>;\n");
        write(root, "app/b.ts", "export const b = 1;\n");
        write(root, "app/deep/er/c.js", "function (\n");
        write(root, "lib/d.ts", "let d = ;\n");
        RunResult r = run(root, work, LANGUAGES);

        assertThat(failingFiles(r, "syntax/typescript")).containsExactly("web/src/a.ts");
        assertThat(failingFiles(r, "syntax/javascript")).containsExactly("app/deep/er/c.js");
        assertThat(r.result().metrics().get("files.typescript").intValue()).isEqualTo(3);
        assertThat(r.result().metrics().get("skipped.no-typescript").intValue()).isEqualTo(1);
        Finding note = r.result().findings().stream().filter(f -> f.severity() == Severity.NOTE).findFirst().orElseThrow();
        assertThat(note.message()).contains("1 TypeScript/JavaScript files not checked");
        assertThat(r.result().details().get("typescript.version").toString())
                .contains(all.get(0).version()).contains(all.get(1).version());
        assertThat(r.result().details().get("typescript.path").toString())
                .contains(root.resolve("web/node_modules/typescript").toString())
                .contains(root.resolve("app/node_modules/typescript").toString());
    }

    @Test
    void aConfiguredTypescriptPathThatHasNoPackageIsAConfigErrorAtItsLine() throws Exception {
        write(root, "web/a.ts", "export const a = 1;\n");
        Path config = work.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  typescript:\n    path: tools/no-such-typescript\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = io.github.recoverygates.cli.Main.execute(new String[]{"syntax", "--root", root.toString(), "--config",
                config.toString(), "--out", work.resolve("out").toString()}, print, print);
        assumeTrue(TypeScripts.nodeOnPath(), "no node on the PATH");
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gates.yml:3").contains("syntax.typescript.path")
                .contains("no-such-typescript");
    }

    @Test
    void cachedVerdictsNeedNoNodeWorker() throws Exception {
        TypeScripts.Package ts = TypeScripts.all().isEmpty() ? null : TypeScripts.all().get(0);
        assumeTrue(ts != null, TypeScripts.whyNone());
        TypeScripts.install(ts, root);
        write(root, "a.ts", "export const a = 1;\n");
        write(root, "b.ts", "export const b = ;\n");
        Path cache = work.resolve("cache");
        RunResult cold = run(root, work, LANGUAGES, req -> req.toBuilder().cache(cache).build());
        RunResult warm = run(root, work, LANGUAGES, req -> req.toBuilder().cache(cache).build());
        assertThat(warm.result().metrics().get("cache.hits").intValue()).isEqualTo(2);
        assertThat(warm.result().details()).doesNotContainKey("typescript.api"); // no worker was started
        assertThat(failingFiles(warm, "syntax/typescript")).isEqualTo(failingFiles(cold, "syntax/typescript")).containsExactly("b.ts");
    }

    /**
     * A real typescript whose createSourceFile ends the process on one marked file and hangs (after
     * leaving an orphaned {@code sleep} in its process group) on another: a crashing parser stands in for
     * a crashing node, which has no reliable public crasher.
     */
    @Test
    void aWorkerThatDiesOrHangsCostsThatFileOnlyAndLeavesNoProcessBehind() throws Exception {
        TypeScripts.Package real = classicOrSkip();
        Path wrapper = Files.createDirectories(work.resolve("crashing-typescript"));
        Files.writeString(wrapper.resolve("package.json"), "{\"name\": \"typescript\", \"version\": \"" + real.version() + "\", \"main\": \"index.js\"}\n");
        Files.writeString(wrapper.resolve("index.js"), String.join("\n",
                "const ts = require(" + io.github.recoverygates.core.Json.REPORT.writeValueAsString(real.dir().toString()) + ");",
                "const wrapped = Object.assign({}, ts);",
                "wrapped.createSourceFile = function (name, text, ...rest) {",
                "  if (text.includes('CRASH-THE-PARSER')) process.exit(7);",
                "  if (text.includes('HANG-THE-PARSER')) {",
                "    require('child_process').spawnSync('sh', ['-c', '(sleep 3017.25 &)']);",
                "    for (;;) {}",
                "  }",
                "  return ts.createSourceFile(name, text, ...rest);",
                "};",
                "module.exports = wrapped;", ""));
        write(root, "a/first.ts", "export const a = 1;\n");
        write(root, "a/broken.ts", "export const b = ;\n");
        write(root, "m/crash.ts", "const marker = 'CRASH-THE-PARSER';\n");
        write(root, "m/hang.ts", "const marker = 'HANG-THE-PARSER';\n");
        write(root, "z/last.js", "module.exports = 2;\n");
        RunResult r = run(root, work, "syntax:\n  languages: [typescript, javascript]\n  typescript:\n    path: "
                + wrapper + "\n    timeout: 2s\n    workers: 1\n");

        assertThat(failingFiles(r, "syntax/typescript")).containsExactlyInAnyOrder("a/broken.ts", "m/crash.ts", "m/hang.ts");
        assertThat(finding(r, "m/crash.ts").category()).isEqualTo("worker-failure");
        assertThat(finding(r, "m/crash.ts").message()).contains("exit code 7").contains("restarted");
        assertThat(finding(r, "m/hang.ts").message()).contains("syntax.typescript.timeout");
        assertThat(r.result().metrics().get("files.javascript").intValue()).isEqualTo(1);
        assertThat(r.result().metrics().get("failed.javascript").intValue()).isZero();
        assertThat(r.result().metrics().get("worker.restarts").intValue()).isGreaterThanOrEqualTo(2);
        Thread.sleep(200);
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains("3017.25")).toList())
                .as("the hung worker's orphaned sleep, killed with its process group").isEmpty();
    }
}
