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

    /** Why the walk checks a file only against the other globs: it never enters a directory these match whole. */
    @Test
    void a_directory_only_glob_matches_a_path_only_below_a_directory_it_matches_whole() {
        for (String glob : Workspace.BUILT_IN_EXCLUDES) {
            Glob g = Glob.of(glob);
            if (!g.directoryOnly()) {
                assertThat(glob).as("the built-in excludes that are not directory globs").isEqualTo("**/*.bak");
                continue;
            }
            for (String path : PATHS) {
                boolean underMatchedDirectory = false;
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    underMatchedDirectory |= g.matchesDirectory(path.substring(0, slash));
                }
                assertThat(g.matches(path)).as(glob + " on " + path).isEqualTo(underMatchedDirectory);
            }
        }
        assertThat(Glob.of("**/tests/*.py").directoryOnly()).isFalse();
        assertThat(Glob.of("src/**").directoryOnly()).isFalse(); // a regex glob: files are checked against it
    }
}
