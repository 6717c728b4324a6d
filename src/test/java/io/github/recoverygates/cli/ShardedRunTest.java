package io.github.recoverygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recoverygates.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--shard I/N` on N machines, then `merge`, says exactly what one unsharded run says. */
class ShardedRunTest {

    @TempDir
    Path dir;

    @Test
    void sharded_and_merged_equals_unsharded_on_the_example_monorepo() throws Exception {
        assertShardedEqualsUnsharded(Path.of("examples/monorepo"), 3);
    }

    @Test
    void sharded_and_merged_equals_unsharded_on_a_generated_5000_file_repository() throws Exception {
        Path repo = dir.resolve("repo");
        String[] scopes = {"tests/mission_critical", "tests/integration", "tests/unit", "services/auth", "services/backend"};
        String[] broken = {"x = 'unterminated\n", "def f(:\n    pass\n", "price = $500K+\n", "if True:\npass\n",
                "return 1\n", "f'{}'\n"};
        for (int i = 0; i < 5000; i++) {
            Path file = repo.resolve(scopes[i % scopes.length]).resolve("pkg" + (i % 37)).resolve("test_m" + i + ".py");
            Files.createDirectories(file.getParent());
            String body = i % 17 == 0 ? broken[(i / 17) % broken.length]
                    : "import os\n\n\ndef test_" + i + "():\n    assert os.sep\n\n\nclass TestK" + i + ":\n    def test_a(self):\n        pass\n";
            Files.writeString(file, body, StandardCharsets.UTF_8);
        }
        assertShardedEqualsUnsharded(repo, 4);
    }

    private void assertShardedEqualsUnsharded(Path root, int shards) throws Exception {
        Path whole = dir.resolve("whole");
        CliTest.Run unsharded = CliTest.cli("syntax", "--root", root.toString(), "--out", whole.toString(), "--format", "json");
        List<String> shardDirs = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            Path out = dir.resolve("shard" + i);
            CliTest.Run run = CliTest.cli("syntax", "--root", root.toString(), "--out", out.toString(), "--format", "json",
                    "--shard", i + "/" + shards);
            assertThat(run.code()).as(run.err()).isIn(0, 1);
            shardDirs.add(out.toString());
        }
        Path merged = dir.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge", "--gate", "syntax", "--out", merged.toString(), "--format", "json"));
        args.addAll(shardDirs);
        CliTest.Run merge = CliTest.cli(args.toArray(String[]::new));

        assertThat(merge.code()).as(merge.err()).isEqualTo(unsharded.code());
        ObjectNode expected = (ObjectNode) Json.REPORT.readTree(whole.resolve("syntax.json").toFile());
        ObjectNode actual = (ObjectNode) Json.REPORT.readTree(merged.resolve("syntax.json").toFile());
        for (ObjectNode report : List.of(expected, actual)) {
            report.remove(List.of("startedAt", "durationMs"));
        }
        assertThat(expected.get("findings").size()).isPositive();
        assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
    }
}
