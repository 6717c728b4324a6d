package io.github.recoverygates.syntax.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file of a directory holds its pytest configuration, in pytest 9's order. */
class PytestConfigFileTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    @DisplayName("no config file: nothing found")
    void none() {
        assertThat(PytestConfigFile.find(dir)).isEmpty();
    }

    @Test
    @DisplayName("files without a pytest section do not count; tox.ini [pytest] then beats setup.cfg")
    void sectionsDecide() throws IOException {
        write("pyproject.toml", "[project]\nname = 'x'\n");
        write("tox.ini", "[tox]\nenvlist = py3\n");
        write("setup.cfg", "[tool:pytest]\npython_files = s_*.py\n");
        assertThat(PytestConfigFile.find(dir)).get().satisfies(c -> {
            assertThat(c.file()).isEqualTo("setup.cfg");
            assertThat(c.args("python_files")).containsExactly("s_*.py");
        });
        write("tox.ini", "[tox]\nenvlist = py3\n[pytest]\npython_files = t_*.py\n");
        assertThat(PytestConfigFile.find(dir)).get().extracting(PytestConfigFile::file).isEqualTo("tox.ini");
    }

    @Test
    @DisplayName("an empty pytest.ini still wins over pyproject.toml")
    void emptyPytestIniWins() throws IOException {
        write("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = ['tests']\n");
        write("pytest.ini", "");
        assertThat(PytestConfigFile.find(dir)).get().satisfies(c -> {
            assertThat(c.file()).isEqualTo("pytest.ini");
            assertThat(c.args("testpaths")).isNull();
        });
    }

    @Test
    @DisplayName("pytest.toml [pytest] and pyproject's native [tool.pytest] table are read with TOML types")
    void nativeToml() throws IOException {
        write("pyproject.toml", "[tool.pytest]\ntestpaths = ['a', 'b']\npython_functions = ['check_', 'test_']\n");
        assertThat(PytestConfigFile.find(dir)).get().satisfies(c -> {
            assertThat(c.args("testpaths")).isEqualTo(List.of("a", "b"));
            assertThat(c.args("python_functions")).containsExactly("check_", "test_");
            assertThat(c.problem()).isNull();
        });
        write("pyproject.toml", "[tool.pytest]\npython_functions = 'check_ test_'\n");
        assertThat(PytestConfigFile.find(dir)).get().extracting(PytestConfigFile::problem).asString()
                .contains("'python_functions' expects a list");
        write("pytest.toml", "[pytest]\ntestpaths = ['c']\n");
        assertThat(PytestConfigFile.find(dir)).get().satisfies(c -> {
            assertThat(c.file()).isEqualTo("pytest.toml");
            assertThat(c.args("testpaths")).containsExactly("c");
        });
    }

    @Test
    @DisplayName("both [tool.pytest] and [tool.pytest.ini_options]: pytest refuses the file, and so do we")
    void bothTables() throws IOException {
        write("pyproject.toml", "[tool.pytest]\ntestpaths = ['a']\n[tool.pytest.ini_options]\ntestpaths = ['b']\n");
        assertThat(PytestConfigFile.find(dir)).get().extracting(PytestConfigFile::problem).asString()
                .contains("both [tool.pytest] and [tool.pytest.ini_options]");
    }
}
