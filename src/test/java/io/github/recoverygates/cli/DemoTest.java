package io.github.recoverygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: every gate on the example, against the built-in reference server. */
class DemoTest {

    @TempDir
    Path out;

    @Test
    void the_demo_runs_all_four_gates_and_finds_what_the_example_plants() throws Exception {
        CliTest.Run run = CliTest.cli("demo", "--out", out.toString(), "--users", "5");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("recovery:", "syntax:", "ssot:", "golden-path:", "dashboard:");
        assertThat(verdict("recovery")).isEqualTo(Verdict.PASS);
        assertThat(verdict("golden-path")).isEqualTo(Verdict.PASS);
        assertThat(verdict("syntax")).isEqualTo(Verdict.FAIL);
        assertThat(verdict("ssot")).isEqualTo(Verdict.FAIL);
        String html = Files.readString(out.resolve("dashboard.html"));
        assertThat(html).contains("id=\"gate-recovery\"", "id=\"gate-syntax\"", "id=\"gate-ssot\"", "id=\"gate-golden-path\"");
        // the demo's generated JWT secret and password never reach a report
        for (String name : new String[]{"recovery.json", "golden-path.json", "dashboard.html", "summary.md"}) {
            assertThat(Files.readString(out.resolve(name))).doesNotContainPattern("[0-9a-f]{48}");
        }
    }

    @Test
    void a_fault_on_the_reference_server_fails_the_golden_path() throws Exception {
        CliTest.Run run = CliTest.cli("demo", "--out", out.toString(), "--users", "4", "--fault", "DROP_EVENT");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(verdict("golden-path")).isEqualTo(Verdict.FAIL);
        assertThat(Files.readString(out.resolve("golden-path.json"))).contains("golden-path/event-missing");
    }

    private Verdict verdict(String gate) throws Exception {
        return Json.REPORT.readValue(out.resolve(gate + ".json").toFile(), GateResult.class).verdict();
    }
}
