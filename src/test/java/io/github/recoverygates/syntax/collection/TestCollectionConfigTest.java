package io.github.recoverygates.syntax.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.SecretMasker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syntax.testCollection} binds from YAML with camelCase keys through the engine's config loader. */
class TestCollectionConfigTest {

    @TempDir
    Path dir;

    private Config parse(String yaml) {
        return ConfigLoader.parse("cfg.yml", yaml, dir, Map.of(), new SecretMasker(), Set.of("testCollection"));
    }

    @Test
    @DisplayName("every key binds; a single value is a one-element list; absent keys stay null (discovered)")
    void bindsEveryKey() {
        TestCollectionConfig c = parse("""
                testCollection:
                  enabled: true
                  testpaths: tests
                  pythonFiles: ["test_*.py", "check_*.py"]
                  pythonClasses: [Test, "Describe*"]
                  pythonFunctions: [test_]
                  norecursedirs: [".*", legacy]
                  nestedConfigs: false
                  scopes:
                    - {name: payments, include: ["services/payments/tests/**"], minTests: 10}
                """).section("testCollection", TestCollectionConfig.class);
        assertThat(c.testpaths()).containsExactly("tests");
        assertThat(c.pythonFiles()).containsExactly("test_*.py", "check_*.py");
        assertThat(c.pythonClasses()).containsExactly("Test", "Describe*");
        assertThat(c.norecursedirs()).containsExactly(".*", "legacy");
        assertThat(c.followsNestedConfigs()).isFalse();
        assertThat(c.scopes()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("payments");
            assertThat(s.requiredTests()).isEqualTo(10);
        });
        TestCollectionConfig empty = parse("testCollection: {}\n").section("testCollection", TestCollectionConfig.class);
        assertThat(empty.isEnabled()).isTrue();
        assertThat(empty.testpaths()).isNull();
        assertThat(empty.scopes()).isEmpty();
        assertThat(new ScopeRule("x", List.of("a/**"), null).requiredTests()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown key is a config error naming the key and its line")
    void unknownKey() {
        Config config = parse("testCollection:\n  python_files: [x]\n");
        assertThatThrownBy(() -> config.section("testCollection", TestCollectionConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cfg.yml:2")
                .hasMessageContaining("python_files");
    }
}
