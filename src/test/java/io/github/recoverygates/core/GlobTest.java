package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "**/backups/**, backups/a.py, true",
            "**/backups/**, svc/backups/x/a.py, true",
            "**/backups/**, svc/backupsx/a.py, false",
            "tests/mission_critical/**, tests/mission_critical/test_a.py, true",
            "tests/mission_critical/**, x/tests/mission_critical/test_a.py, false",
            "**/tests/unit/**, svc/tests/unit/test_a.py, true",
            "*.py, deep/down/a.py, true",
            "src/*.py, src/a.py, true",
            "src/*.py, src/x/a.py, false",
            "**/*_backup*/**, app_backup_2024/a.py, true",
            "'**/*.{yml,yaml}', ci/a.yaml, true",
            "'**/*.{yml,yaml}', ci/a.json, false",
            "test_?.py, test_1.py, true",
            "[!a]*.py, b.py, true",
            "[!a]*.py, a.py, false",
    })
    void matchesLikePeopleExpect(String glob, String path, boolean expected) {
        assertThat(Glob.of(glob).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "directory {1} pruned by {0}: {2}")
    @CsvSource({
            "**/node_modules/**, web/node_modules, true",
            "**/node_modules/**, web/node_modules_x, false",
            "**/*.py, web, false",
            "build/, build, true",
    })
    void knowsWhenAWholeDirectoryIsExcluded(String glob, String dir, boolean expected) {
        assertThat(Glob.of(glob).matchesDirectory(dir)).isEqualTo(expected);
    }
}
