package io.github.recoverygates.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.ThresholdResult;
import io.github.recoverygates.core.Verdict;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {

    @TempDir
    Path dir;

    static List<GateResult> fourGates() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        GateResult recovery = new GateResult(1, "recovery", Verdict.FAIL, "backend blocked by auth, auth blocked by postgres",
                t, 900, new TreeMap<>(Map.of("checks.total", 3, "checks.down", 1, "checks.blocked", 2)), List.of(), null,
                List.of(Finding.of("recovery/check-failed", Severity.ERROR, "postgres", null, 0, 0,
                        "postgres: connection refused on 127.0.0.1:5432")),
                List.of(new Section("graph", "Start-up order", List.of("check", "state"),
                        List.of(List.of("postgres", "down"), List.of("auth", "blocked"), List.of("backend", "blocked")),
                        "flowchart LR\n  postgres --> auth\n  auth --> backend\n")), null);
        GateResult syntax = new GateResult(1, "syntax", Verdict.FAIL, "3 of 40 Python files do not compile", t, 1200,
                new TreeMap<>(Map.of("files.python", 40, "failed.python", 3)),
                List.of(ThresholdResult.minRate("mission_critical", List.of("**/tests/mission_critical/**"), 100, 9, 10),
                        ThresholdResult.minRate("unit", List.of("**/tests/unit/**"), 90, 20, 20)), null,
                List.of(Finding.of("syntax/python", Severity.ERROR, "invalid-decimal-literal", "tests/mission_critical/test_<x>.py",
                        3, 9, "invalid decimal literal")), List.of(), null);
        GateResult ssot = new GateResult(1, "ssot", Verdict.WARN, "compliance 97.5%", t, 300,
                new TreeMap<>(Map.of("violations.critical", 0)),
                List.of(ThresholdResult.minRate("compliance", List.of(), 95, 39, 40), ThresholdResult.max("critical", 0, 0, "count")),
                null, List.of(Finding.of("ssot/deprecated", Severity.WARNING, "deprecated", "app/x.py", 1, 1,
                        "WebSocketNotifier is deprecated: use AgentWebSocketBridge")), List.of(), null);
        GateResult golden = new GateResult(1, "golden-path", Verdict.PASS, "200 of 200 journeys passed", t, 5000,
                new TreeMap<>(Map.of("journeys.total", 200, "journeys.passed", 200)),
                List.of(ThresholdResult.minRate("successRate", List.of(), 95, 200, 200),
                        ThresholdResult.max("p95", 30000, 2100, "ms")), null, List.of(), List.of(), null);
        return List.of(recovery, syntax, ssot, golden);
    }

    @Test
    void the_page_is_self_contained_escaped_and_has_a_card_per_gate_with_threshold_bars_and_the_service_graph() throws Exception {
        Map<String, Path> files = new Dashboard(null).write(fourGates(), List.of(), dir, new SecretMasker());
        String html = Files.readString(files.get("dashboard"));

        assertThat(html).contains("id=\"gate-recovery\"", "id=\"gate-syntax\"", "id=\"gate-ssot\"", "id=\"gate-golden-path\"");
        assertThat(html).contains("syntax · mission_critical", "90%", "≥ 100%", "ssot · compliance", "≤ 30000 ms");
        assertThat(html).contains("<g class=\"node down\">", "<g class=\"node blocked\">");
        assertThat(html).contains("test_&lt;x&gt;.py").doesNotContain("test_<x>.py");
        assertThat(html).doesNotContain("<script", "http://", "https://", "<link");
        assertThat(Files.readString(files.get("summary"))).startsWith("# Recovery Gates: FAIL")
                .contains("| syntax | mission_critical | ≥ 100% | 90% | FAIL |");
    }

    @Test
    void history_keeps_each_run_and_draws_a_trend_line_per_threshold() throws Exception {
        Path history = dir.resolve("history");
        List<GateResult> gates = fourGates();
        History.append(history, History.of(gates, Instant.parse("2026-11-20T00:00:00Z")));
        History.append(history, History.of(gates, Instant.parse("2026-11-21T00:00:00Z")));
        Files.writeString(history.resolve("run-damaged.json"), "{not json");

        List<History.Run> runs = History.read(history);
        assertThat(runs).hasSize(2);
        assertThat(History.series(runs, "syntax", "threshold.mission_critical")).containsExactly(90.0, 90.0);

        String html = new Dashboard(null).html(gates, runs);
        assertThat(html).contains("Trend over 2 runs", "<polyline points=");
    }

    @Test
    void the_service_graph_reads_labelled_mermaid_nodes_and_their_state_classes() {
        GateResult recovery = new GateResult(1, "recovery", Verdict.FAIL, "x", Instant.EPOCH, 1, null, null, null, null,
                List.of(new Section("checks", "Services", List.of("check", "type"), List.of(),
                        "graph LR\n  c0[\"postgres<br/>postgres · down\"]:::down\n  c1[\"auth<br/>http · blocked\"]:::blocked\n  c0 --> c1\n")),
                null);
        String html = new Dashboard(null).html(List.of(recovery), List.of());
        assertThat(html).contains("<g class=\"node down\">", ">postgres</text>", "<g class=\"node blocked\">", ">auth</text>")
                .doesNotContain(">c0</text>");
    }

    @Test
    void links_point_at_the_file_and_line_when_a_link_base_is_given() {
        String html = new Dashboard("https://github.com/o/r/blob/abc/").html(fourGates(), List.of());
        assertThat(html).contains("href=\"https://github.com/o/r/blob/abc/app/x.py#L1\"");
    }

    @Test
    void headless_chromium_renders_every_card() throws Exception {
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
        assumeTrue(chromium != null, "Debian chromium is not installed");
        Map<String, Path> files = new Dashboard(null).write(fourGates(), List.of(), dir, new SecretMasker());
        Path png = dir.resolve("shot.png");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1400",
                "--screenshot=" + png, files.get("dashboard").toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        // The four verdict colours of the cards' top borders must all be on the page.
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours).as("rendered colours").hasSizeGreaterThan(20)
                .contains(0xB42318, 0x1F7A3A, 0xD4A72C);
        Process dom = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile2"), "--dump-dom", files.get("dashboard").toUri().toString())
                .redirectError(new File(dir.resolve("dom.log").toString())).start();
        String rendered = new String(dom.getInputStream().readAllBytes());
        assertThat(dom.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(rendered).contains("gate-recovery", "gate-syntax", "gate-ssot", "gate-golden-path");
    }
}
