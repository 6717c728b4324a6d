package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The literal fast paths must answer exactly what the regex would. */
class GlobFastPathTest {

    private static final List<String> PATHS = List.of("tests/unit/a.py", "x/tests/unit/b/c.py", "tests/unitx/a.py",
            "atests/unit/a.py", "tests/unit", "a/node_modules/b.js", "node_modules/x", "node_modulesx/y", "a/b.bak",
            "a/b.bak/c", "a/.bak", "tests/unit/", "src/tests/units/x.py", "app_backup_2024/x.py", "a/b/old_backup/c.py",
            "a/my_backup.py", "x_backupy", "pkg.egg-info/PKG", "a/pkg.egg-info", "a/pkg.egg-infox/y", "a/b_backup/");

    @Test
    void directory_and_suffix_globs_agree_with_the_general_matcher() {
        for (String glob : List.of("**/tests/unit/**", "**/node_modules/**", "**/*.bak", "**/*_backup*/**", "**/*.egg-info/**")) {
            Glob fast = Glob.of(glob);
            Glob slow = Glob.of(glob.replace("**/", "**/{,}"));   // same meaning, forced through the regex
            for (String path : PATHS) {
                assertThat(fast.matches(path)).as(glob + " on " + path).isEqualTo(slow.matches(path));
            }
            for (String dir : List.of("tests/unit", "a/tests/unit", "tests", "node_modules", "a/node_modules", "b",
                    "app_backup_2024", "a/old_backup", "pkg.egg-info", "a/pkg.egg-infox", "backup")) {
                assertThat(fast.matchesDirectory(dir)).as(glob + " dir " + dir).isEqualTo(slow.matchesDirectory(dir));
            }
        }
    }
}
