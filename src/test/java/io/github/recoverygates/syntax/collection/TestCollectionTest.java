package io.github.recoverygates.syntax.collection;

import static io.github.recoverygates.syntax.collection.CollectionFixtures.analyse;
import static io.github.recoverygates.syntax.collection.CollectionFixtures.astOracle;
import static io.github.recoverygates.syntax.collection.CollectionFixtures.collectable;
import static io.github.recoverygates.syntax.collection.CollectionFixtures.ourCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestCollectionTest {

    @TempDir
    Path tmp;

    private static List<Finding> findings(TestCollection.Analysis a, String rule) {
        return a.report().findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    private CollectionFixtures.PytestRun pytest(String fixture, String sub) {
        assumeTrue(CollectionFixtures.pytestAvailable(), "pytest is not installed for python3");
        return CollectionFixtures.pytestOnFixture(fixture, sub, tmp);
    }

    @ParameterizedTest(name = "{0}: per-file test counts equal pytest --collect-only")
    @ValueSource(strings = {"pyproject", "pytest_ini", "tox_ini", "setup_cfg", "defaults"})
    void countsPerFileEqualWhatPytestCollects(String fixture) {
        Path root = CollectionFixtures.copy(fixture, tmp.resolve(fixture));
        TestCollection.Analysis ours = analyse(root, null);
        Map<String, Integer> pytest = pytest(fixture, "").functionsPerFile();
        assertThat(collectable(ours)).isEqualTo(pytest);
        assertThat(ours.report().metrics().get("tests.collectable").intValue())
                .isEqualTo(pytest.values().stream().mapToInt(Integer::intValue).sum());
    }

    @ParameterizedTest(name = "{0}: per-file test counts equal an ast-based oracle")
    @ValueSource(strings = {"pyproject", "pytest_ini", "tox_ini", "setup_cfg", "defaults"})
    void countsPerFileEqualTheAstOracle(String fixture) {
        Path root = CollectionFixtures.copy(fixture, tmp.resolve(fixture));
        TestCollection.Analysis ours = analyse(root, null);
        PytestProject project = ProjectDiscovery.discover(root, java.util.Set.of(""), java.util.Set.of(),
                TestCollectionConfig.defaults()).get(0);
        Map<String, Integer> oracle = astOracle(root, List.copyOf(ours.testFiles().keySet()),
                project.pythonClasses(), project.pythonFunctions());
        assertThat(ourCounts(ours)).isEqualTo(oracle);
        assertThat(oracle.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    }

    @Test
    @DisplayName("pyproject.toml: testpaths, python_files/classes/functions and every counting rule apply")
    void pyprojectRulesApply() {
        Path root = CollectionFixtures.copy("pyproject", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(a.testFiles()).containsOnlyKeys("tests/unit/test_rules.py", "tests/integration/check_api.py",
                "tests/mission_critical/test_payments.py");
        List<String> names = a.testFiles().get("tests/unit/test_rules.py").tests.stream()
                .map(TestCounter.Test::name).toList();
        assertThat(names).contains("test_async", "TestMath::test_async_method", "TestMath::TestNested::TestDeeper::test_deepest",
                "TestChild::test_from_base", "DescribeSomething::it_works", "AccountChecks::testNoUnderscore",
                "it_matches_a_glob", "test_in_if_block", "test_in_try_block");
        assertThat(names).doesNotContain("test_not_real", "test_looks_like_a_test_but_is_a_fixture",
                "test_nested_in_function", "testfoo_no_underscore", "TestWithInit::test_skipped",
                "TestDataclass::test_skipped_too", "TestDisabled::test_disabled", "Unrelated::test_not_collected",
                "test_inside_a_string", "test_in_fstring", "TestMath::NotATestName::test_ignored");
        assertThat(names).filteredOn("test_redefined"::equals).hasSize(1);
        assertThat(a.report().metrics()).containsEntry("tests.scope.unit.collectable", names.size())
                .containsEntry("tests.scope.integration.collectable", 3)
                .containsEntry("tests.scope.mission_critical.collectable", 2)
                .containsEntry("tests.path.tests.files", 3)
                .containsEntry("tests.lost", 0);
        assertThat(a.report().findings()).isEmpty();
        assertThat(a.report().thresholds()).extracting(Threshold::name)
                .contains("collect.unit", "collect.integration", "collect.mission_critical", "collect.path.tests");
        assertThat(a.report().thresholds()).allMatch(Threshold::passed);
    }

    @Test
    @DisplayName("parametrize is not expanded: pytest collects more items than the functions counted")
    void parametrizeCountsOnce() {
        Path root = CollectionFixtures.copy("pyproject", tmp);
        TestCollection.Analysis a = analyse(root, null);
        CollectionFixtures.PytestRun run = pytest("pyproject", "");
        int ours = a.report().metrics().get("tests.collectable").intValue();
        assertThat(run.items()).isEqualTo(ours + 2);
        assertThat(a.report().details().get("countingUnit").toString()).contains("parametrize");
    }

    @Test
    @DisplayName("pytest.ini wins over pyproject.toml in the same directory; norecursedirs skips build/")
    void pytestIniPrecedence() {
        Path root = CollectionFixtures.copy("pytest_ini", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(a.testFiles()).containsOnlyKeys("src/tests/unit/money_spec.py");
        @SuppressWarnings("unchecked")
        Map<String, Object> project = ((List<Map<String, Object>>) a.report().details().get("projects")).get(0);
        assertThat(project).containsEntry("configFile", "pytest.ini").containsEntry("pythonFiles", List.of("*_spec.py"));
    }

    @Test
    @DisplayName("tox.ini [pytest] wins over setup.cfg [tool:pytest]")
    void toxIniPrecedence() {
        Path root = CollectionFixtures.copy("tox_ini", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(a.testFiles()).containsOnlyKeys("checks/test_suite.py");
        assertThat(a.testFiles().get("checks/test_suite.py").tests).extracting(TestCounter.Test::name)
                .containsExactlyInAnyOrder("PaymentSuite::check_total", "check_module_level");
    }

    @Test
    @DisplayName("setup.cfg: multi-line testpaths; a testpath that matches nothing is a warning")
    void setupCfgMultiLineTestpaths() {
        Path root = CollectionFixtures.copy("setup_cfg", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(a.testFiles()).containsOnlyKeys("tests/unit/test_one.py", "tests/integration/test_two.py");
        assertThat(findings(a, "syntax/testpath-missing")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.file()).isEqualTo("setup.cfg");
            assertThat(f.message()).contains("tests/missing");
        });
    }

    @Test
    @DisplayName("a test file that does not compile loses the tests a line scan finds in it")
    void brokenFilesLoseTheirTests() throws IOException {
        Path root = CollectionFixtures.copy("broken", tmp);
        TestCollection.Analysis a = analyse(root, null);
        Map<String, Integer> lost = findings(a, "syntax/lost-tests").stream()
                .collect(Collectors.toMap(Finding::file, f -> Integer.parseInt(f.properties().get("tests")),
                        (x, y) -> x, TreeMap::new));
        assertThat(lost).containsOnlyKeys("tests/unit/test_broken_string.py", "tests/unit/test_unindent.py",
                "tests/unit/test_fstring.py", "tests/mission_critical/test_critical_a.py",
                "tests/mission_critical/test_critical_b.py");
        assertThat(lost.get("tests/unit/test_broken_string.py")).isEqualTo(5);
        Finding f = findings(a, "syntax/lost-tests").stream()
                .filter(x -> x.file().equals("tests/unit/test_broken_string.py")).findFirst().orElseThrow();
        assertThat(f.message()).isEqualTo("5 tests in this file cannot be collected: it does not compile");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.category()).isEqualTo("lost-tests");
        assertThat(f.line()).isEqualTo(4);

        // Each broken file minus its "# BREAK" line compiles; python's ast counts the tests the author meant.
        Path repaired = tmp.resolve("repaired");
        for (String file : lost.keySet()) {
            Path target = repaired.resolve(file);
            Files.createDirectories(target.getParent());
            List<String> lines = Files.readAllLines(root.resolve(file)).stream()
                    .filter(l -> !l.endsWith("# BREAK")).toList();
            Files.write(target, lines);
        }
        Map<String, Integer> oracle = astOracle(repaired, List.copyOf(lost.keySet()), List.of("Test"), List.of("test"));
        assertThat(lost).isEqualTo(oracle);
        assertThat(a.report().metrics().get("tests.lost.syntax").intValue())
                .isEqualTo(oracle.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    @DisplayName("a scope whose test files all fail to compile collects nothing: an error and a failed threshold")
    void scopeWithAllFilesBrokenCollectsNothing() {
        Path root = CollectionFixtures.copy("broken", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(findings(a, "syntax/collects-nothing")).extracting(Finding::file)
                .containsExactly("pkg_tests", "tests/mission_critical");
        assertThat(findings(a, "syntax/collects-nothing")).filteredOn(f -> f.file().equals("tests/mission_critical"))
                .singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).startsWith("scope 'mission_critical' would collect 0 items")
                    .contains("2 test files hold 5 tests, all lost (2 do not compile)");
        });
        Threshold t = a.report().thresholds().stream().filter(x -> x.name().equals("collect.mission_critical"))
                .findFirst().orElseThrow();
        assertThat(t.passed()).isFalse();
        assertThat(t.actual()).isZero();
        assertThat(a.report().metrics()).containsEntry("tests.scope.mission_critical.lost", 5)
                .containsEntry("tests.scope.mission_critical.parsableFiles", 0)
                .containsEntry("tests.scope.mission_critical.files", 2);
    }

    @Test
    @DisplayName("a conftest.py that does not compile loses every test below its directory")
    void brokenConftestLosesItsDirectory() {
        Path root = CollectionFixtures.copy("broken", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(findings(a, "syntax/conftest-broken")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("tests/integration/flaky/conftest.py");
            assertThat(f.message()).contains("pytest cannot collect tests/integration/flaky")
                    .contains("4 tests in 2 test files");
            assertThat(f.properties()).containsEntry("abortsRun", "false");
        });
        assertThat(findings(a, "syntax/package-broken")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("pkg_tests/__init__.py");
            assertThat(f.message()).contains("2 tests in 1 test module");
        });
        assertThat(a.report().metrics()).containsEntry("tests.lost.conftest", 4).containsEntry("tests.lost.package", 2)
                .containsEntry("tests.collectable", 3);
        assertThat(a.report().sections()).extracting(s -> s.id()).contains("test-collection", "lost-tests");
    }

    @Test
    @DisplayName("broken fixture: the files we keep are exactly the ones pytest collects, the ones we lose are its errors")
    void brokenFixtureAgreesWithPytest() {
        Path root = CollectionFixtures.copy("broken", tmp);
        TestCollection.Analysis a = analyse(root, null);
        CollectionFixtures.PytestRun run = pytest("broken", "");
        assertThat(collectable(a)).isEqualTo(run.functionsPerFile());
        assertThat(run.errors()).containsExactlyInAnyOrder("tests/integration/flaky", "tests/mission_critical/test_critical_a.py",
                "tests/mission_critical/test_critical_b.py", "tests/unit/test_broken_string.py",
                "tests/unit/test_fstring.py", "tests/unit/test_unindent.py", "pkg_tests/test_in_pkg.py");
        assertThat(a.report().metrics().get("tests.collectionErrors").intValue()).isEqualTo(run.errors().size());
        assertThat(a.report().details().get("pytestRun").toString()).contains("runs none of the 3 collectable tests");
    }

    @Test
    @DisplayName("a broken conftest.py in a testpath aborts the whole run: nothing is collected")
    void brokenConftestInTestpathAbortsRun() {
        Path root = CollectionFixtures.copy("conftest_root", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(findings(a, "syntax/conftest-broken")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("pytest stops before collecting anything").contains("2 tests in 1 test file");
            assertThat(f.properties()).containsEntry("abortsRun", "true");
        });
        assertThat(findings(a, "syntax/collects-nothing")).singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo("tests"));
        assertThat(a.report().metrics()).containsEntry("tests.collectable", 0).containsEntry("tests.lost", 2);
        if (CollectionFixtures.pytestAvailable()) {
            CollectionFixtures.PytestRun run = pytest("conftest_root", "");
            assertThat(run.items()).isZero();
            assertThat(run.output()).contains("ImportError while loading conftest");
        }
    }

    @Test
    @DisplayName("a sub-project with its own pytest config is collected with that config")
    void nestedConfigs() {
        Path root = CollectionFixtures.copy("nested", tmp);
        TestCollection.Analysis a = analyse(root, null);
        assertThat(a.report().metrics()).containsEntry("tests.projects", 2)
                .containsEntry("tests.path.services/billing/tests.collectable", 3)
                .containsEntry("tests.scope.unit.collectable", 1);
        if (CollectionFixtures.pytestAvailable()) {
            Map<String, Integer> expected = new TreeMap<>(pytest("nested", "").functionsPerFile());
            expected.putAll(CollectionFixtures.prefixed("services/billing/",
                    pytest("nested", "services/billing").functionsPerFile()));
            assertThat(collectable(a)).isEqualTo(expected);
        }
        TestCollection.Analysis rootOnly = analyse(root,
                new TestCollectionConfig(null, null, null, null, null, null, null, false));
        assertThat(rootOnly.testFiles()).containsOnlyKeys("tests/test_root.py");
        if (CollectionFixtures.pytestAvailable()) {
            assertThat(collectable(rootOnly)).isEqualTo(pytest("nested", "").functionsPerFile());
        }
    }

    @Test
    @DisplayName("the gate's config overrides the repository's pytest config and adds scopes")
    void configOverridesAndScopes() {
        Path root = CollectionFixtures.copy("pyproject", tmp);
        TestCollectionConfig cfg = new TestCollectionConfig(true, List.of("tests/mission_critical", "scripts"),
                List.of("test_*.py"), null, List.of("test_"),
                List.of(new ScopeRule("payments", List.of("tests/mission_critical/**"), 3)), null, null);
        TestCollection.Analysis a = analyse(root, cfg);
        assertThat(a.testFiles()).containsOnlyKeys("tests/mission_critical/test_payments.py",
                "scripts/test_outside_testpaths.py");
        Threshold payments = a.report().thresholds().stream().filter(t -> t.name().equals("collect.payments"))
                .findFirst().orElseThrow();
        assertThat(payments.required()).isEqualTo(3);
        assertThat(payments.actual()).isEqualTo(2);
        assertThat(payments.passed()).isFalse();
        assertThat(a.report().metrics()).containsEntry("tests.scope.payments.collectable", 2);
    }

    @Test
    @DisplayName("disabled: nothing is read, nothing reported")
    void disabled() {
        Path root = CollectionFixtures.copy("broken", tmp);
        CollectionReport r = TestCollection.collect(root, CollectionFixtures.pythonFiles(root), java.util.Set.of(),
                new TestCollectionConfig(false, null, null, null, null, null, null, null));
        assertThat(r.findings()).isEmpty();
        assertThat(r.metrics()).isEmpty();
        assertThat(r.details()).containsEntry("enabled", false);
    }

    @Test
    @DisplayName("a pyproject.toml that is not valid TOML is an error finding, and counting goes on with defaults")
    void invalidPyproject() throws IOException {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pytest.ini_options\ntestpaths = [\"tests\"]\n");
        Files.createDirectories(tmp.resolve("tests"));
        Files.writeString(tmp.resolve("tests/test_a.py"), "def test_a():\n    pass\n");
        TestCollection.Analysis a = analyse(tmp, null);
        assertThat(findings(a, "syntax/pytest-config")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("pyproject.toml");
            assertThat(f.message()).contains("not valid TOML");
        });
        assertThat(a.report().metrics()).containsEntry("tests.collectable", 1);
    }
}
