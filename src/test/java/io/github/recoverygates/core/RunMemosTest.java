package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-run memos: the key of a run's inputs, the memo file, and an outcome kept as bytes. */
class RunMemosTest {

    @TempDir
    Path dir;

    private record Rule(String name, List<String> from, Severity severity) {
    }

    private static byte[] key(Object... values) {
        RunMemos.Key key = new RunMemos.Key();
        for (Object v : values) {
            key.value(v);
        }
        return key.digest();
    }

    @Test
    @DisplayName("the key tells apart what string joining would not: split texts, lists, types, records, order")
    void keyIsUnambiguous() {
        assertThat(key("a", "b")).isNotEqualTo(key("ab")).isNotEqualTo(key("a", "", "b"));
        assertThat(key(List.of("a, b"))).isNotEqualTo(key(List.of("a", "b")));
        assertThat(key(1)).isNotEqualTo(key("1")).isNotEqualTo(key(1.0)).isNotEqualTo(key(true));
        assertThat(key((Object) null)).isNotEqualTo(key("null")).isNotEqualTo(key(""));
        assertThat(key(new Rule("r", List.of("app/**"), Severity.ERROR)))
                .isEqualTo(key(new Rule("r", List.of("app/**"), Severity.ERROR)))
                .isNotEqualTo(key(new Rule("r", List.of("app/**"), Severity.WARNING)))
                .isNotEqualTo(key(new Rule("r", List.of("app/**", "lib/**"), Severity.ERROR)));
        assertThat(key(Map.of("k", "v"))).isNotEqualTo(key(List.of("k", "v")));
        assertThat(key(java.time.Duration.ofSeconds(30))).isEqualTo(key(java.time.Duration.ofSeconds(30)))
                .isNotEqualTo(key(java.time.Duration.ofMillis(30_001))).isNotEqualTo(key(30L));
        assertThat(key(Path.of("a/b"))).isNotEqualTo(key("a/b")).isNotEqualTo(key(Path.of("a/c")));
        assertThat(new RunMemos.Key().text("x").number(2).digest()).isNotEqualTo(new RunMemos.Key().number(2).text("x").digest());
        byte[] big = new byte[100_000];
        big[99_999] = 1;
        assertThat(new RunMemos.Key().bytes(big).digest()).isNotEqualTo(new RunMemos.Key().bytes(new byte[100_000]).digest())
                .hasSize(RunMemos.KEY_LENGTH);
    }

    @Test
    @DisplayName("a value the key cannot write down is refused, not keyed by its identity")
    void unknownValueRefused() {
        assertThatThrownBy(() -> new RunMemos.Key().value(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunMemos.Key().value(List.of(new StringBuilder("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a memo reads back with the key it was written for, and matches only that key")
    void roundTrip() throws Exception {
        byte[] runKey = key("inputs");
        RunMemos.write(dir, "gate", runKey, new MemoBytes.Out().string("payload").integer(7));
        List<String> notices = new ArrayList<>();
        RunMemos.Memo memo = RunMemos.read(dir, "gate", notices::add).orElseThrow();
        assertThat(memo.matches(runKey)).isTrue();
        assertThat(memo.matches(key("other inputs"))).isFalse();
        assertThat(memo.matches(null)).isFalse();
        assertThat(memo.payload().string()).isEqualTo("payload");
        assertThat(memo.payload().integer()).isEqualTo(7);
        assertThat(notices).isEmpty();
        assertThat(RunMemos.read(dir, "other", notices::add)).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    @DisplayName("a truncated, flipped or foreign memo file is no memo, with a notice; one of another build is silently none")
    void damagedOrForeign() throws Exception {
        RunMemos.write(dir, "gate", key("inputs"), new MemoBytes.Out().string("payload"));
        Path file = RunMemos.file(dir, "gate");
        byte[] bytes = Files.readAllBytes(file);
        List<String> notices = new ArrayList<>();

        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(RunMemos.read(dir, "gate", notices::add)).isEmpty();
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        Files.write(file, flipped);
        assertThat(RunMemos.read(dir, "gate", notices::add)).isEmpty();
        Files.writeString(file, "RGCACHE\nsomething else entirely");
        assertThat(RunMemos.read(dir, "gate", notices::add)).isEmpty();
        assertThat(notices).hasSize(3);
        assertThat(notices.get(0)).contains("truncated or damaged");
        assertThat(notices.get(1)).contains("truncated or damaged");
        assertThat(notices.get(2)).contains("not a run memo");

        notices.clear();
        String engine = ContentCache.ENGINE_VERSION;
        int at = indexOf(bytes, engine.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] otherBuild = bytes.clone();
        otherBuild[at + engine.length() - 1] ^= 1; // the last character of the engine version
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(otherBuild, 0, otherBuild.length - 4);
        java.nio.ByteBuffer.wrap(otherBuild).putInt(otherBuild.length - 4, (int) crc.getValue());
        Files.write(file, otherBuild);
        assertThat(RunMemos.read(dir, "gate", notices::add)).isEmpty();
        assertThat(notices).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    @DisplayName("an outcome reads back equal, with its values' types: findings, thresholds, tables, graphs, details")
    void outcomeRoundTrip() {
        Finding plain = Finding.builder("ssot/duplicate", Severity.ERROR).category("canonical-missing")
                .message("canonical path a.py of class X does not exist").build();
        Finding full = new Finding("syntax/python", Severity.WARNING, "unterminated-string", "pkg/ü mod.py", 3, 7, 3, 9,
                "unterminated string literal ", "abc123", Finding.BaselineState.NEW, Finding.DiffPosition.ADDED,
                new TreeMap<>(Map.of("ssotSeverity", "high", "import", "core.m2")));
        Map<String, Number> metrics = new TreeMap<>(Map.of("files.checked", 27001, "bytes", 5_000_000_000L,
                "compliance", 91.35));
        Threshold rate = Threshold.rate("compliance", List.of("src/**"), 95.0, 24667, 27001, false);
        Threshold most = Threshold.atMost("critical", 0, 9.0, Unit.VIOLATIONS);
        List<Object> row = new ArrayList<>(Arrays.asList("ssot/duplicate", 3L, null, 2.5, 4));
        Table table = new Table("ssot-rules", "Violations by rule",
                List.of(new Table.Column("rule", Table.Type.PATH), new Table.Column("n", Table.Type.NUMBER)),
                List.of(row));
        Graph graph = new Graph("services", null, List.of(new Graph.Node("db", "Postgres", null, Graph.State.UP),
                new Graph.Node("api", null, "http 120 ms", Graph.State.BLOCKED)),
                List.of(new Graph.Edge("db", "api", Graph.EdgeKind.BLOCKS)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("complianceFormula", "checked without a violation / checked");
        details.put("nested", new LinkedHashMap<>(Map.of("list", List.of(1, "two", false))));
        details.put("nothing", null);
        GateOutcome outcome = new GateOutcome("compliance 91.3%", metrics, List.of(rate, most), List.of(plain, full),
                List.of(table, graph), details, Verdict.WARN);

        GateOutcome back = new MemoBytes.In(java.nio.ByteBuffer.wrap(new MemoBytes.Out().outcome(outcome).toByteArray()))
                .outcome();
        assertThat(back).isEqualTo(outcome);
        assertThat(back.metrics().get("files.checked")).isInstanceOf(Integer.class);
        assertThat(back.metrics().get("bytes")).isInstanceOf(Long.class);
        assertThat(back.metrics().keySet()).containsExactlyElementsOf(metrics.keySet());
        assertThat((Object) Json.REPORT.valueToTree(back)).isEqualTo(Json.REPORT.valueToTree(outcome));
    }

    @Test
    @DisplayName("an outcome holding a value the bytes cannot keep is refused, and cut-short bytes do not read back")
    void outcomeRefusedOrCut() {
        GateOutcome odd = new GateOutcome("s", Map.of("ratio", 1.5f), null, null, null, null, null);
        assertThatThrownBy(() -> new MemoBytes.Out().outcome(odd)).isInstanceOf(IllegalArgumentException.class);
        GateOutcome ok = new GateOutcome("s", Map.of("n", 1), null,
                List.of(Finding.builder("r", Severity.NOTE).message("m").build()), null, null, null);
        byte[] bytes = new MemoBytes.Out().outcome(ok).toByteArray();
        assertThatThrownBy(() -> new MemoBytes.In(java.nio.ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 2))).outcome())
                .isInstanceOf(RuntimeException.class);
    }
}
