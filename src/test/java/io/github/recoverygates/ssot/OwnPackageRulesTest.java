package io.github.recoverygates.ssot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssotGate keeps DESIGN.md's package rules on this repository's own Java code. */
class OwnPackageRulesTest {

    @TempDir
    Path temp;

    private static Path rules() throws URISyntaxException {
        return Path.of(OwnPackageRulesTest.class.getResource("/ssot/design-package-rules.yml").toURI());
    }

    @Test
    @DisplayName("this repository's main code breaks none of DESIGN.md's package boundaries")
    void ownCodeKeepsTheRules() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        assertThat(root.resolve("src/main/java/io/github/recoverygates/core")).isDirectory();
        RunResult r = new Engine(null).run(RunRequest.builder("ssot", root, temp.resolve("out")).config(rules()).environment(Map.of()).formats(List.of("json")).build());
        assertThat(r.result().findings()).filteredOn(f -> f.ruleId().equals("ssot/boundary")).isEmpty();
        assertThat(r.result().metrics().get("files.java").intValue()).isGreaterThan(40);
    }

    @Test
    @DisplayName("the same rules catch core importing the CLI, and a gate importing another gate")
    void rulesCatchABreach() throws Exception {
        FixtureRepo repo = new FixtureRepo(temp)
                .file("src/main/java/io/github/recoverygates/core/Bad.java",
                        "package io.github.recoverygates.core;\nimport io.github.recoverygates.cli.Main;\nclass Bad {}\n")
                .file("src/main/java/io/github/recoverygates/ssot/Worse.java",
                        "package io.github.recoverygates.ssot;\nimport io.github.recoverygates.core.Gate;\n"
                                + "import io.github.recoverygates.syntax.SyntaxGate;\nclass Worse {}\n");
        Files.copy(rules(), temp.resolve("rules.yml"));
        RunResult r = repo.run(RunRequest.builder("ssot", repo.root, repo.out).config(temp.resolve("rules.yml")).build());
        assertThat(r.result().findings()).filteredOn(f -> f.ruleId().equals("ssot/boundary"))
                .extracting(f -> f.file() + ":" + f.line() + " " + f.category()).containsExactly(
                        "src/main/java/io/github/recoverygates/core/Bad.java:2 core-depends-on-nothing-of-ours",
                        "src/main/java/io/github/recoverygates/ssot/Worse.java:3 ssot-gate-uses-only-core");
    }
}
