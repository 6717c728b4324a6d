package io.github.recoverygates.syntax.collection;

import java.util.List;

/**
 * One pytest rootdir: the repository root, or (with {@code nestedConfigs}) a sub-directory with its
 * own pytest config, as if {@code pytest} were run there without arguments.
 *
 * @param dir             the rootdir relative to the repository root ("" for the root)
 * @param configFile      the config file relative to the repository root, or null when there is none
 * @param testpaths       the configured testpaths as written (may be empty)
 * @param args            what pytest collects from: the expanded testpaths, or the rootdir, relative to the repository root
 * @param missingTestpaths configured testpaths that match nothing
 * @param pythonFiles     effective {@code python_files}
 * @param pythonClasses   effective {@code python_classes}
 * @param pythonFunctions effective {@code python_functions}
 * @param norecursedirs   effective {@code norecursedirs}
 * @param configProblem   why pytest would refuse the config file, or null
 */
record PytestProject(String dir, String configFile, List<String> testpaths, List<String> args,
                     List<String> missingTestpaths, List<String> pythonFiles, List<String> pythonClasses,
                     List<String> pythonFunctions, List<String> norecursedirs, String configProblem) {

    /** Whether {@code path} (relative to the repository root) is this rootdir or below it. */
    boolean contains(String path) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }

    String label() {
        return dir.isEmpty() ? "." : dir;
    }
}
