package io.github.recoverygates.render;

import io.github.recoverygates.core.Unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Gates;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
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
                List.of(Finding.builder("recovery/check-failed", Severity.ERROR).category("postgres").message("postgres: connection refused on 127.0.0.1:5432").build()),
                List.of(blockedChain()), null);
        GateResult syntax = new GateResult(1, "syntax", Verdict.FAIL, "3 of 40 Python files do not compile", t, 1200,
                new TreeMap<>(Map.of("files.python", 40, "failed.python", 3)),
                List.of(Threshold.rate("mission_critical", List.of("**/tests/mission_critical/**"), 100, 9, 10, false),
                        Threshold.rate("unit", List.of("**/tests/unit/**"), 90, 20, 20, false)), null,
                List.of(Finding.builder("syntax/python", Severity.ERROR).category("invalid-decimal-literal").file("tests/mission_critical/test_<x>.py").at(3, 9).message("invalid decimal literal").build()), List.of(), null);
        GateResult ssot = new GateResult(1, "ssot", Verdict.WARN, "compliance 97.5%", t, 300,
                new TreeMap<>(Map.of("violations.critical", 0)),
                List.of(Threshold.rate("compliance", List.of(), 95, 39, 40, false), Threshold.atMost("critical", 0, (double) 0, Unit.COUNT)),
                null, List.of(Finding.builder("ssot/deprecated", Severity.WARNING).category("deprecated").file("app/x.py").at(1, 1).message("WebSocketNotifier is deprecated: use AgentWebSocketBridge").build()), List.of(), null);
        GateResult golden = new GateResult(1, "golden-path", Verdict.PASS, "200 of 200 journeys passed", t, 5000,
                new TreeMap<>(Map.of("journeys.total", 200, "journeys.passed", 200)),
                List.of(Threshold.rate("successRate", List.of(), 95, 200, 200, false),
                        Threshold.atMost("p95", 30000, (double) 2100, Unit.MILLISECONDS)), null, List.of(), List.of(), null);
        return List.of(recovery, syntax, ssot, golden);
    }

    /** postgres down, auth and backend blocked: every edge is a "blocks" edge. */
    static Graph blockedChain() {
        return new Graph("recovery-graph", "Start-up order", List.of(
                new Graph.Node("postgres", "postgres", "postgres", Graph.State.DOWN),
                new Graph.Node("auth", "auth", "http", Graph.State.BLOCKED),
                new Graph.Node("backend", "backend", "tcp", Graph.State.BLOCKED)),
                List.of(new Graph.Edge("postgres", "auth", Graph.EdgeKind.BLOCKS),
                        new Graph.Edge("auth", "backend", Graph.EdgeKind.BLOCKS)));
    }

    static Dashboard dashboard(Links links) {
        return new Dashboard(links, Gates.all());
    }

    @Test
    void the_page_is_self_contained_escaped_and_has_a_card_per_gate_with_threshold_bars_and_the_service_graph() throws Exception {
        Map<String, Path> files = dashboard(Links.NONE).write(fourGates(), List.of(), dir, new SecretMasker());
        String html = Files.readString(files.get("dashboard"));

        assertThat(html).contains("id=\"gate-recovery\"", "id=\"gate-syntax\"", "id=\"gate-ssot\"", "id=\"gate-golden-path\"");
        assertThat(html).contains("syntax · mission_critical", "90% (9/10)", "&gt;= 100%", "ssot · compliance", "&lt;= 30000 ms");
        assertThat(html).contains("<g class=\"node down\" data-node=\"postgres\">", "<g class=\"node blocked\" data-node=\"auth\">");
        assertThat(html).contains("test_&lt;x&gt;.py").doesNotContain("test_<x>.py");
        assertThat(html).doesNotContain("<script", "http://", "https://");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self' 'sha256-");
        assertThat(files.get("dashboard").resolveSibling(Dashboard.STYLESHEET)).exists();
        assertThat(Files.readString(files.get("summary"))).startsWith("# Recovery Gates: FAIL")
                .contains("| syntax | mission\\_critical | &gt;= 100% | 90% (9/10) | **FAIL** |")
                .contains("## Top findings").contains("postgres: connection refused");
    }

    @Test
    void a_gate_the_config_does_not_enable_gets_a_card_that_says_how_to_enable_it() {
        String html = dashboard(Links.NONE).html(fourGates().subList(0, 2), List.of());
        assertThat(html).contains("id=\"gate-ssot\"", "not configured", "add a ssot: section", "docs/ssot.md")
                .contains("2 of 4 gates ran");
        assertThat(dashboard(Links.NONE).markdown(fourGates().subList(0, 2))).contains("| golden-path | not configured |");
    }

    @Test
    void count_bars_mean_something_a_met_zero_limit_is_empty_and_a_missed_one_is_full() {
        double[] met = Bars.scale(Threshold.atMost("critical", 0, 0.0, Unit.VIOLATIONS));
        double[] missed = Bars.scale(Threshold.atMost("critical", 0, 3.0, Unit.VIOLATIONS));
        double[] half = Bars.scale(Threshold.atMost("p95", 1000, 500.0, Unit.MILLISECONDS));
        assertThat(met).containsExactly(0.0, 0.0);
        assertThat(missed).containsExactly(1.0, 0.0);
        assertThat(half[0]).isLessThan(half[1]);
        assertThat(Bars.scale(Threshold.rate("r", List.of(), 95, 40, 80, false))).containsExactly(0.5, 0.95);
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

        String html = dashboard(Links.NONE).html(gates, runs);
        assertThat(html).contains("Trend over 2 runs", "<polyline points=");
    }

    @Test
    void the_service_graph_is_drawn_from_the_typed_graph_even_when_every_edge_is_a_blocks_edge() {
        GateResult recovery = new GateResult(1, "recovery", Verdict.FAIL, "x", Instant.EPOCH, 1, null, null, null, null,
                List.of(blockedChain()), null);
        String html = dashboard(Links.NONE).html(List.of(recovery), List.of());
        assertThat(html).contains("<g class=\"node down\" data-node=\"postgres\">", ">postgres</text>",
                "<g class=\"node blocked\" data-node=\"auth\">", "<line class=\"edge blocks\"");
    }

    @Test
    void links_join_with_one_slash_keep_the_root_subdirectory_encode_paths_and_are_only_http() {
        for (String base : List.of("https://github.com/o/r/blob/abc", "https://github.com/o/r/blob/abc/")) {
            String html = dashboard(new Links(base, "examples/monorepo")).html(fourGates(), List.of());
            assertThat(html).contains("href=\"https://github.com/o/r/blob/abc/examples/monorepo/app/x.py#L1\"")
                    .contains("href=\"https://github.com/o/r/blob/abc/examples/monorepo/tests/mission_critical/test_%3Cx%3E.py#L3\"");
        }
        String hostile = dashboard(new Links("javascript:alert(1)//", "")).html(fourGates(), List.of());
        assertThat(hostile).doesNotContain("<a href", "javascript:");
        assertThat(Links.isWeb("javascript:alert(1)")).isFalse();
        assertThat(Links.isWeb("https://x.example/blob/main")).isTrue();
    }

    @Test
    void headless_chromium_renders_every_card() throws Exception {
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
        assumeTrue(chromium != null, "Debian chromium is not installed");
        Map<String, Path> files = dashboard(Links.NONE).write(fourGates(), List.of(), dir, new SecretMasker());
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
