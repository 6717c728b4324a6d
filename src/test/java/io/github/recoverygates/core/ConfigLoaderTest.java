package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** A section shaped like a gate's, to bind against. */
    record Demo(Python python, List<String> include, Duration timeout, Mode mode) {
        record Python(String interpreter, int workers, String secret) {
        }
    }

    enum Mode { STRICT, RELAXED }

    @TempDir
    Path dir;

    private Config parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse("cfg.yml", yaml, dir, env, new SecretMasker(), Set.of("demo"));
    }

    @Test
    void bindsASectionToARecordWithDurationsAndEnums() {
        Config config = parse("""
                demo:
                  python: {interpreter: python3.11, workers: 4}
                  include: "tests/**"
                  timeout: 1.5s
                  mode: relaxed
                """, Map.of());
        Demo demo = config.section("demo", Demo.class);
        assertThat(demo.python().interpreter()).isEqualTo("python3.11");
        assertThat(demo.python().workers()).isEqualTo(4);
        assertThat(demo.include()).containsExactly("tests/**");
        assertThat(demo.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(demo.mode()).isEqualTo(Mode.RELAXED);
    }

    @Test
    void anUnknownKeyNamesTheFileLineAndTheAllowedKeys() {
        Config config = parse("""
                demo:
                  python:
                    interpreter: python3
                    wokers: 2
                """, Map.of());
        assertThatThrownBy(() -> config.section("demo", Demo.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cfg.yml:4:5")
                .hasMessageContaining("unknown key 'wokers' in demo.python")
                .hasMessageContaining("allowed: interpreter, secret, workers");
    }

    @Test
    void anUnknownTopLevelKeyIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> parse("exclude: []\nsyntaks: {}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cfg.yml:2:1: unknown key 'syntaks'")
                .hasMessageContaining("allowed: demo, dotenv, exclude");
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhere() {
        Config config = parse("demo:\n  python:\n    workers: many\n", Map.of());
        assertThatThrownBy(() -> config.section("demo", Demo.class))
                .hasMessageContaining("cfg.yml:3:5")
                .hasMessageContaining("demo.python.workers")
                .hasMessageContaining("integer");
    }

    @Test
    void aBadDurationIsAConfigErrorAtItsLine() {
        Config config = parse("demo:\n  timeout: soon\n", Map.of());
        assertThatThrownBy(() -> config.section("demo", Demo.class))
                .hasMessageContaining("cfg.yml:2:3")
                .hasMessageContaining("demo.timeout");
    }

    @Test
    void aBadEnumListsTheAllowedValues() {
        Config config = parse("demo:\n  mode: sloppy\n", Map.of());
        assertThatThrownBy(() -> config.section("demo", Demo.class))
                .hasMessageContaining("demo.mode")
                .hasMessageContaining("allowed: strict, relaxed");
    }

    @Test
    void variablesComeFromTheEnvironmentWithDefaults() {
        Config config = parse("""
                demo:
                  python: {interpreter: "${PY}", secret: "${API_TOKEN}"}
                  include: ["${SCOPE:-tests}/**", "$${LITERAL}"]
                """, Map.of("PY", "/usr/bin/python3", "API_TOKEN", "s3cr3t-value"));
        Demo demo = config.section("demo", Demo.class);
        assertThat(demo.python().interpreter()).isEqualTo("/usr/bin/python3");
        assertThat(demo.include()).containsExactly("tests/**", "${LITERAL}");
        assertThat(config.masker().mask("token=s3cr3t-value")).isEqualTo("token=***");
    }

    @Test
    void aMissingVariableWithoutDefaultIsAnErrorThatNamesIt() {
        Config config = parse("demo:\n  python: {interpreter: \"${NOPE}\"}\n", Map.of());
        assertThatThrownBy(() -> config.section("demo", Demo.class))
                .hasMessageContaining("cfg.yml:2:12")
                .hasMessageContaining("NOPE is not set");
    }

    @Test
    void valuesUnderASecretKeyAreMaskedWhateverTheirVariable() {
        Config config = parse("demo:\n  python: {secret: \"plain-text-secret\"}\n", Map.of());
        config.section("demo", Demo.class);
        assertThat(config.masker().mask("x plain-text-secret y")).isEqualTo("x *** y");
    }

    @Test
    void aSectionsEnvFilesFeedItsVariables() throws Exception {
        Files.writeString(dir.resolve(".env"), "# comment\nexport PY=python3.12\nJWT_SECRET_KEY='abcdefgh'\n");
        record WithEnv(List<String> envFiles, String interpreter) {
        }
        Config config = ConfigLoader.parse("cfg.yml", "demo:\n  envFiles: [.env]\n  interpreter: ${PY}\n", dir,
                Map.of(), new SecretMasker(), Set.of("demo"));
        assertThat(config.section("demo", WithEnv.class).interpreter()).isEqualTo("python3.12");
        assertThat(config.masker().mask("abcdefgh")).isEqualTo("***");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> parse("demo:\n  python: [unclosed\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cfg.yml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThatThrownBy(() -> parse("demo: {}\ndemo: {}\n", Map.of()))
                .hasMessageContaining("cfg.yml:2:1: duplicate key 'demo'");
    }

    @Test
    void anAbsentSectionBindsAsEmpty() {
        Demo demo = parse("exclude: ['**/gen/**']\n", Map.of()).section("demo", Demo.class);
        assertThat(demo.python()).isNull();
        assertThat(parse("exclude: ['**/gen/**']\n", Map.of()).excludes()).containsExactly("**/gen/**");
    }

    @Test
    void overridesReplaceNestedValues() {
        Config config = parse("demo:\n  python: {interpreter: python3, workers: 1}\n", Map.of())
                .with("demo.python.workers", Json.REPORT.valueToTree(8));
        assertThat(config.section("demo", Demo.class).python().workers()).isEqualTo(8);
        assertThat(config.section("demo", Demo.class).python().interpreter()).isEqualTo("python3");
    }

    @Test
    void aMissingConfigFileIsAnErrorButNoFileMeansDefaults() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yml"), dir, Map.of(), new SecretMasker(), Set.of()))
                .hasMessageContaining("config file not found");
        assertThat(ConfigLoader.load(null, dir, Map.of(), new SecretMasker(), Set.of()).source())
                .isEqualTo("built-in defaults");
    }

    @Test
    void a_section_may_name_one_env_file_as_a_plain_string_and_the_process_environment_wins() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(".env.staging"), "DATABASE_URL=postgres://db/x\nPORT=8081\n");
        Config config = parse("demo:\n  envFiles: .env.staging\n", Map.of("PORT", "8080"));
        assertThat(config.environment("demo")).containsEntry("DATABASE_URL", "postgres://db/x").containsEntry("PORT", "8080");
    }
}
