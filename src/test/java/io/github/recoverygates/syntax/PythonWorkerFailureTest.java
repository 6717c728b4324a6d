package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.failingFiles;
import static io.github.recoverygates.syntax.SyntaxFixtures.finding;
import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.cli.Main;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A worker that hangs or dies costs one file, never the scan; no interpreter is an ERROR")
class PythonWorkerFailureTest {

    @TempDir
    Path root;
    @TempDir
    Path work;

    private void someOrdinaryFiles() throws Exception {
        write(root, "a/first.py", "x = 1\n");
        write(root, "a/broken.py", "x = (1,\n");
        write(root, "z/last.py", "def f():\n    return 2\n");
        write(root, "z/also_broken.py", "return 3\n");
    }

    @Test
    void aFileThatOutlivesThePerFileTimeoutIsAnErrorAndTheScanGoesOn() throws Exception {
        someOrdinaryFiles();
        // a real, slow compile: CPython needs seconds for a list display of 1.5 million names
        write(root, "m/huge_literal.py", "x = [" + "a,".repeat(1_500_000) + "]\n");
        RunResult r = run(root, work, "syntax:\n  python:\n    timeout: 1s\n    workers: 1\n");

        Finding slow = finding(r, "m/huge_literal.py");
        assertThat(slow.category()).isEqualTo("other");
        assertThat(slow.message()).contains("syntax.python.timeout").contains("restarted");
        assertThat(failingFiles(r, "syntax/python")).containsExactlyInAnyOrder(
                "a/broken.py", "m/huge_literal.py", "z/also_broken.py");
        assertThat(r.result().metrics().get("files.python").intValue()).isEqualTo(5);
        assertThat(r.result().metrics().get("worker.restarts").intValue()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWorkerThatDiesOnAFileGivesThatFileAnErrorAndTheRestIsStillChecked() throws Exception {
        someOrdinaryFiles();
        write(root, "m/crash.py", "x = 'CRASH-THE-INTERPRETER'\n");
        // A real python3 whose compile() and symbol table (what the worker runs where code generation
        // cannot fail) kill the process on one marked file: CPython has no reliable public crasher, so
        // this wrapper (a sitecustomize hook) stands in for a segfaulting interpreter.
        Path hooks = Files.createDirectories(work.resolve("hooks"));
        Files.writeString(hooks.resolve("sitecustomize.py"), String.join("\n",
                "import builtins, os, _symtable",
                "def dying(real):",
                "    def run(source, *args, **kwargs):",
                "        if isinstance(source, bytes) and b'CRASH-THE-INTERPRETER' in source:",
                "            os._exit(86)",
                "        return real(source, *args, **kwargs)",
                "    return run",
                "builtins.compile = dying(builtins.compile)",
                "_symtable.symtable = dying(_symtable.symtable)", ""));
        Path interpreter = work.resolve("dying-python");
        Files.writeString(interpreter, "#!/bin/sh\nPYTHONPATH='" + hooks + "' exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(interpreter, PosixFilePermissions.fromString("rwxr-xr-x"));

        RunResult r = run(root, work, "syntax:\n  python:\n    interpreter: '" + interpreter + "'\n    workers: 1\n");

        Finding crash = finding(r, "m/crash.py");
        assertThat(crash.category()).isEqualTo("other");
        assertThat(crash.message()).contains("worker died").contains("exit code 86");
        assertThat(failingFiles(r, "syntax/python")).containsExactlyInAnyOrder(
                "a/broken.py", "m/crash.py", "z/also_broken.py");
        // once for the batch, once when its unanswered files are retried one at a time
        assertThat(r.result().metrics().get("worker.restarts").intValue()).isEqualTo(2);
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aMissingInterpreterMakesTheGateErrorWithExitThreeAndSaysWhatToSet() throws Exception {
        someOrdinaryFiles();
        Path config = work.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  python:\n    interpreter: /no/such/python3.99\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(new String[]{"syntax", "--root", root.toString(), "--config", config.toString(),
                "--out", work.resolve("out").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(3);
        String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(said).contains("syntax.python.interpreter").contains("/no/such/python3.99");
        String report = Files.readString(work.resolve("out/syntax.json"));
        assertThat(report).contains("\"verdict\" : \"ERROR\"");
    }

    @Test
    void aProgramThatIsNotPythonIsAnUnusableInterpreter() throws Exception {
        someOrdinaryFiles();
        RunResult r = run(root, work, "syntax:\n  python:\n    interpreter: /bin/echo\n");
        assertThat(r.result().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.result().summary()).contains("did not start a compile worker").contains("syntax.python.interpreter");
    }
}
