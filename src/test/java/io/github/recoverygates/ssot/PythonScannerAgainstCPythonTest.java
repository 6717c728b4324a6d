package io.github.recoverygates.ssot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java-side Python scanner against the real thing: for the installed python3's standard
 * library (without its test suites), CPython's own {@code ast} says which files parse and how many
 * imports, classes and functions each has; the scanner must agree on every file. Run once over the
 * full library including test/ (2,000+ files), the only disagreements left were files that only the
 * full grammar rejects (Python 2 samples in lib2to3's test data, bad coding cookies).
 */
class PythonScannerAgainstCPythonTest {

    private static final String COUNT_WITH_AST = """
            import ast, json, os, sys, sysconfig
            root = sysconfig.get_paths()["stdlib"]
            out = []
            for dirpath, dirnames, filenames in os.walk(root):
                # test/ and lib2to3/ hold thousands of files (and Python 2 samples); the rest is ~700 files of every style
                dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "dist-packages", "__pycache__",
                                                                      "test", "tests", "lib2to3", "idlelib"))
                for name in sorted(filenames):
                    if not name.endswith(".py"):
                        continue
                    path = os.path.join(dirpath, name)
                    with open(path, "rb") as f:
                        data = f.read()
                    try:
                        tree = ast.parse(data)
                    except (SyntaxError, ValueError):
                        out.append({"path": path, "ok": False})
                        continue
                    c = {"import": 0, "class": 0, "function": 0}
                    for node in ast.walk(tree):
                        if isinstance(node, ast.Import):
                            c["import"] += len(node.names)
                        elif isinstance(node, ast.ImportFrom):
                            c["import"] += 1
                        elif isinstance(node, ast.ClassDef):
                            c["class"] += 1
                        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            c["function"] += 1
                    out.append({"path": path, "ok": True, **c})
            json.dump(out, sys.stdout)
            """;

    @Test
    @DisplayName("on every file of the standard library, parse verdict and import/class/function counts match CPython's ast")
    void agreesWithAst() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", COUNT_WITH_AST).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] json = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        JsonNode files = Json.REPORT.readTree(json);
        assertThat(files.size()).isGreaterThan(300);
        ScanSpec spec = ScanSpec.of(Json.CONFIG.readValue("{}", SsotConfig.class));
        List<String> disagreements = new ArrayList<>();
        for (JsonNode f : files) {
            Path path = Path.of(f.get("path").asText());
            byte[] bytes = Files.readAllBytes(path);
            String text = new String(bytes, StandardCharsets.UTF_8);
            FileFacts facts = PythonScanner.scan(text, spec, false, false);
            boolean parsed = facts.parsed() && SsotGate.pythonEncodingProblem(bytes, text) == null;
            if (parsed != f.get("ok").asBoolean()) {
                disagreements.add(path + ": ast ok=" + f.get("ok") + ", scanner: " + facts.parseError());
                continue;
            }
            if (!parsed) {
                continue;
            }
            long imports = facts.imports().stream().filter(i -> !i.kind().equals("dynamic")).count();
            long classes = facts.definitions().stream().filter(d -> d.kind().equals("class")).count();
            long functions = facts.definitions().stream().filter(d -> d.kind().equals("function")).count();
            if (imports != f.get("import").asLong() || classes != f.get("class").asLong()
                    || functions != f.get("function").asLong()) {
                disagreements.add(path + ": ast " + f.get("import") + "/" + f.get("class") + "/" + f.get("function")
                        + " imports/classes/functions, scanner " + imports + "/" + classes + "/" + functions);
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
