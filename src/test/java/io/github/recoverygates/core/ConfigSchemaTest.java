package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema of {@code .recovery-gates.yml}: the shipped file (repository and jar) is exactly
 * what the config model generates, every config this repository ships validates against it, and
 * what the loader refuses for a wrong key or type the schema refuses too.
 */
class ConfigSchemaTest {

    private static final String REGENERATE = "the config model changed: regenerate the shipped schema with "
            + "`mvn -B -q package -DskipTests && java -jar target/recovery-gates.jar schema > " + ConfigSchema.FILE + "`";

    private static JsonSchema schema() throws Exception {
        JsonNode tree = Json.REPORT.readTree(ConfigSchema.json());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree);
    }

    private static Set<ValidationMessage> validate(String yaml) throws Exception {
        JsonNode config = Json.CONFIG.readTree(yaml);
        return schema().validate(config == null ? Json.REPORT.createObjectNode() : config);
    }

    @Test
    void the_shipped_schema_is_the_generated_one_in_the_repository_and_in_the_jar() throws Exception {
        String generated = ConfigSchema.json();
        assertThat(Files.readString(Path.of(ConfigSchema.FILE))).as(REGENERATE).isEqualTo(generated);
        try (InputStream in = ConfigSchema.class.getResourceAsStream(ConfigSchema.RESOURCE)) {
            assertThat(in).as("the jar carries " + ConfigSchema.RESOURCE).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(REGENERATE).isEqualTo(generated);
        }
    }

    @Test
    void every_gate_section_and_top_level_key_is_described() throws Exception {
        JsonNode tree = Json.REPORT.readTree(ConfigSchema.json());
        Set<String> keys = new java.util.TreeSet<>(ConfigLoader.TOP_LEVEL);
        Gates.all().forEach(g -> keys.add(g.configKey()));
        assertThat(tree.path("properties").properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(tree.path("additionalProperties").asBoolean(true)).isFalse();
        // renamed record components appear under the key the loader reads
        assertThat(tree.at("/properties/recovery/properties").has("wait")).isTrue();
        assertThat(tree.at("/properties/recovery/properties").has("waitPolicy")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {".recovery-gates.yml", "examples/monorepo/.recovery-gates.yml",
            "examples/monorepo-clean/.recovery-gates.yml",
            "bench/goldenpath/gate.yml", "bench/goldenpath/gate-per-journey.yml",
            "jenkins/src/test/resources/io/github/recoverygates/jenkins/fixtures/broken/.recovery-gates.yml",
            "jenkins/src/test/resources/io/github/recoverygates/jenkins/fixtures/clean/.recovery-gates.yml"})
    void the_shipped_configs_validate(String file) throws Exception {
        Set<ValidationMessage> errors = validate(Files.readString(Path.of(file)));
        assertThat(errors).as(file).isEmpty();
    }

    @Test
    void variables_single_values_for_lists_durations_enums_in_any_case_and_trace_true_validate() throws Exception {
        assertThat(validate("""
                exclude: "**/gen/**"
                syntax: {languages: PYTHON, python: {timeout: 1.5s, workers: "${WORKERS:-2}"}}
                recovery:
                  wait: {timeout: 60, interval: 2s}
                  checks: [{name: api, type: HTTP, url: "${API_URL}", port: 8080, expect: {status: 200, equals: {a: 1}}}]
                goldenPath: {trace: true, load: {users: 5, rampUp: 200ms}}
                """)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"syntax: {languagez: [python]}", "recovery: {checks: [{name: a, type: htp, url: x}]}",
            "goldenPath: {load: {users: many}}", "ssot: {threshold: high}", "recovery: {wait: {timeout: soon}}",
            "unknownSection: {}"})
    void what_the_loader_refuses_the_schema_refuses(String yaml) throws Exception {
        assertThat(validate(yaml)).as(yaml).isNotEmpty();
        Set<String> sections = Gates.all().stream().map(Gate::configKey).collect(Collectors.toSet());
        assertThatThrownBy(() -> {
            Config config = ConfigLoader.parse("x.yml", yaml, Path.of("."), Map.of(), new SecretMasker(), sections);
            for (Gate gate : Gates.all()) {
                if (config.hasSection(gate.configKey())) {
                    gate.validate(config);
                }
            }
        }).as(yaml).isInstanceOf(ConfigException.class);
    }
}
