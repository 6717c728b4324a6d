package io.github.recoverygates;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunOption;
import io.github.recoverygates.core.Gates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README tells a new user the truth: every option and command is in it, and nothing outside the repository is. */
class ReadmeTest {

    @Test
    void everyRunOptionCommandAndActionInputIsDocumented() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (RunOption o : RunOption.on(RunOption.Surface.CLI)) {
            assertThat(readme).as(o.flag()).contains("`" + o.flag());
        }
        for (RunOption o : RunOption.on(RunOption.Surface.ACTION)) {
            assertThat(readme).as(o.input()).contains("`" + o.input() + "`");
        }
        Gates.all().forEach(g -> assertThat(readme).contains("`" + g.name() + "`"));
        var commands = io.github.recoverygates.cli.MainAccess.commandLine().getSubcommands().keySet();
        commands.forEach(c -> assertThat(readme).as(c).contains(c));
        assertThat(readme.lines().limit(6)).as("the two commands come first")
                .contains("mvn -B -q package -DskipTests && java -jar target/recovery-gates.jar demo", "mvn -B verify");
    }

    @Test
    void theReadmeAndTheDocsPointToNothingOutsideTheRepository() throws Exception {
        Pattern outside = Pattern.compile("\\.\\./shared|DESIGN\\.md|STYLE\\.md|\\bthe seeds\\b|seeds'");
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path p : Stream.concat(Stream.of(Path.of("README.md")), docs.filter(d -> d.toString().endsWith(".md"))).toList()) {
                assertThat(outside.matcher(Files.readString(p)).find()).as(p.toString()).isFalse();
            }
        }
    }
}
