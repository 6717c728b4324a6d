package io.github.recoverygates.syntax.collection;

import java.util.List;

/**
 * {@code syntax.testCollection}: how tests are discovered. Every field is optional; a null field
 * means "what the repository's own pytest configuration says, else pytest's default".
 *
 * @param enabled         false turns test collection off (default true)
 * @param testpaths       replaces {@code testpaths} of the repository-root pytest config (paths or globs, relative to the root)
 * @param pythonFiles     replaces {@code python_files} (basename globs; a glob containing '/' matches the path)
 * @param pythonClasses   replaces {@code python_classes} (name prefixes or globs)
 * @param pythonFunctions replaces {@code python_functions} (name prefixes or globs)
 * @param scopes          extra scopes to count and guard, besides tests/mission_critical, tests/integration, tests/unit
 * @param norecursedirs   replaces {@code norecursedirs} (directory-name globs)
 * @param nestedConfigs   whether a sub-directory with its own pytest config is its own project (default true)
 */
public record TestCollectionConfig(Boolean enabled, List<String> testpaths, List<String> pythonFiles,
                                   List<String> pythonClasses, List<String> pythonFunctions,
                                   List<ScopeRule> scopes, List<String> norecursedirs, Boolean nestedConfigs) {

    public TestCollectionConfig {
        testpaths = testpaths == null ? null : List.copyOf(testpaths);
        pythonFiles = pythonFiles == null ? null : List.copyOf(pythonFiles);
        pythonClasses = pythonClasses == null ? null : List.copyOf(pythonClasses);
        pythonFunctions = pythonFunctions == null ? null : List.copyOf(pythonFunctions);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        norecursedirs = norecursedirs == null ? null : List.copyOf(norecursedirs);
    }

    /** Everything discovered from the repository. */
    public static TestCollectionConfig defaults() {
        return new TestCollectionConfig(null, null, null, null, null, null, null, null);
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public boolean followsNestedConfigs() {
        return nestedConfigs == null || nestedConfigs;
    }
}
