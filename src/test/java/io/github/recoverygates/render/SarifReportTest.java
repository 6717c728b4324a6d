package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SARIF 2.1.0 output, validated against the OASIS schema shipped in src/test/resources/sarif. */
class SarifReportTest {

    /** The schema's own $id; mapped to the test resource so that validation never touches the network. */
    private static final String SCHEMA_ID =
            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
    private static final List<String> REMOTE_FETCHES = new CopyOnWriteArrayList<>();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b
                .schemaMappers(m -> m.mapPrefix(SCHEMA_ID, "classpath:sarif/sarif-schema-2.1.0.json"))
                .schemaLoaders(l -> l.add((AbsoluteIri iri) -> {
                    String s = iri.toString();
                    if (s.startsWith("http:") || s.startsWith("https:")) {
                        REMOTE_FETCHES.add(s);
                        throw new IllegalStateException("schema validation must not fetch " + s);
                    }
                    return null;
                })));
        JsonNode schemaNode;
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schemaNode = Json.REPORT.readTree(in);
        }
        assertThat(schemaNode.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), schemaNode, config);
        schema.initializeValidators();
    }

    private static JsonNode sarif(GateResult r) throws Exception {
        return Json.REPORT.readTree(SarifReport.render(Masked.of(r, new SecretMasker()), Path.of("/work/repo")));
    }

    private static Set<ValidationMessage> validate(JsonNode doc) {
        return schema.validate(doc);
    }

    @Test
    @DisplayName("a failing run with file, run-level, new, unchanged and fixed findings is valid SARIF 2.1.0")
    void failingRunIsValid() throws Exception {
        JsonNode doc = sarif(SampleResults.syntaxFail());
        assertThat(validate(doc)).isEmpty();
        assertThat(REMOTE_FETCHES).isEmpty();
        assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
        assertThat(doc.path("runs")).hasSize(1);
    }

    @Test
    @DisplayName("a gate that could not run is valid SARIF with executionSuccessful false and the reason")
    void gateErrorIsValid() throws Exception {
        JsonNode doc = sarif(SampleResults.gateError());
        assertThat(validate(doc)).isEmpty();
        JsonNode invocation = doc.at("/runs/0/invocations/0");
        assertThat(invocation.path("executionSuccessful").asBoolean(true)).isFalse();
        assertThat(invocation.at("/properties/verdict").asText()).isEqualTo("ERROR");
        assertThat(invocation.at("/toolExecutionNotifications/0/message/text").asText()).contains("python3 not found");
        assertThat(doc.at("/runs/0/results/0/level").asText()).isEqualTo("error");
    }

    @Test
    @DisplayName("a passing run without findings is valid and says executionSuccessful true")
    void passIsValid() throws Exception {
        JsonNode doc = sarif(SampleResults.pass());
        assertThat(validate(doc)).isEmpty();
        assertThat(doc.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
        assertThat(doc.at("/runs/0/results")).isEmpty();
    }

    @Test
    @DisplayName("the validator is not vacuous: a region with line 0 or an unknown level is rejected")
    void validatorRejectsBrokenDocuments() throws Exception {
        JsonNode doc = sarif(SampleResults.syntaxFail());
        ObjectNode region = StreamSupport.stream(doc.at("/runs/0/results").spliterator(), false)
                .map(r -> r.at("/locations/0/physicalLocation/region"))
                .filter(JsonNode::isObject).map(ObjectNode.class::cast).findFirst().orElseThrow();
        region.put("startLine", 0);
        ((ObjectNode) doc.at("/runs/0/results/0")).put("level", "fatal");
        assertThat(validate(doc)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("one rule per ruleId with a description and default level; every result points at its rule")
    void rulesAndIndexes() throws Exception {
        JsonNode run = sarif(SampleResults.syntaxFail()).at("/runs/0");
        JsonNode driver = run.at("/tool/driver");
        assertThat(driver.path("name").asText()).isEqualTo("recovery-gates-syntax");
        assertThat(driver.path("version").asText()).isNotBlank();
        List<String> ruleIds = new ArrayList<>();
        driver.path("rules").forEach(r -> ruleIds.add(r.path("id").asText()));
        assertThat(ruleIds).containsExactly("syntax/python", "syntax/tests-lost", "syntax/threshold", "syntax/yaml");
        assertThat(driver.at("/rules/0/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(driver.at("/rules/3/defaultConfiguration/level").asText()).isEqualTo("warning");
        assertThat(driver.at("/rules/0/shortDescription/text").asText()).isNotBlank();
        for (JsonNode result : run.path("results")) {
            int index = result.path("ruleIndex").asInt();
            assertThat(driver.path("rules").get(index).path("id").asText()).isEqualTo(result.path("ruleId").asText());
            assertThat(result.at("/partialFingerprints/" + SarifReport.FINGERPRINT_KEY.replace("/", "~1")).asText())
                    .hasSize(64);
        }
    }

    @Test
    @DisplayName("locations are relative to %SRCROOT%, percent-encoded, and regions hold only known coordinates")
    void locationsAndRegions() throws Exception {
        JsonNode run = sarif(SampleResults.syntaxFail()).at("/runs/0");
        assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).isEqualTo("file:///work/repo/");
        List<JsonNode> results = StreamSupport.stream(run.path("results").spliterator(), false).toList();
        JsonNode pay = results.stream().filter(r -> r.toString().contains("test_pay.py")).findFirst().orElseThrow();
        JsonNode loc = pay.at("/locations/0/physicalLocation");
        assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo("tests/mission_critical/test_pay.py");
        assertThat(loc.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(loc.path("region").toString())
                .isEqualTo("{\"startLine\":12,\"startColumn\":9,\"endLine\":12,\"endColumn\":30}");

        JsonNode handlers = results.stream().filter(r -> r.toString().contains("handlers.py")).findFirst().orElseThrow();
        assertThat(handlers.at("/locations/0/physicalLocation/region").toString()).isEqualTo("{\"startLine\":40}");

        JsonNode yaml = results.stream().filter(r -> r.toString().contains("config.yml")).findFirst().orElseThrow();
        assertThat(yaml.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("deploy/app%20config.yml");
        assertThat(yaml.at("/locations/0/physicalLocation").has("region")).isFalse();

        JsonNode runLevel = results.stream().filter(r -> r.path("ruleId").asText().equals("syntax/threshold"))
                .findFirst().orElseThrow();
        assertThat(runLevel.at("/locations/0").has("physicalLocation")).isFalse();
        assertThat(runLevel.at("/locations/0/logicalLocations/0/name").asText()).isEqualTo("threshold");
        assertThat(run.toString()).doesNotContain("\"startLine\":0").doesNotContain("\"startColumn\":0")
                .doesNotContain("\"endLine\":0").doesNotContain("\"endColumn\":0");
    }

    @Test
    @DisplayName("baselineState is new or unchanged for current findings and absent for the fixed ones")
    void baselineStates() throws Exception {
        JsonNode results = sarif(SampleResults.syntaxFail()).at("/runs/0/results");
        List<String> states = new ArrayList<>();
        results.forEach(r -> states.add(r.path("baselineState").asText()));
        assertThat(states).containsOnly("new", "unchanged", "absent");
        assertThat(states.stream().filter("absent"::equals)).hasSize(1);
        JsonNode absent = results.get(results.size() - 1);
        assertThat(absent.path("baselineState").asText()).isEqualTo("absent");
        assertThat(absent.path("message").path("text").asText()).isEqualTo("unexpected indent");
        assertThat(results.get(0).at("/properties/category").asText()).isNotBlank();
    }

    @Test
    @DisplayName("findings with inverted or partial end positions still give a valid region")
    void oddCoordinates() throws Exception {
        List<Finding> findings = List.of(
                Finding.builder("x/a", Severity.ERROR).file("a.py").at(5, 10).message("end before start").end(4, 2).build(),
                Finding.builder("x/a", Severity.NOTE).file("b.py").at(5, 10).message("end column before start").end(5, 3).build(),
                Finding.builder("x/b", Severity.WARNING).file("c d/é.py").at(0, 7).message("column without line").build(),
                Finding.builder("x/b", Severity.WARNING).file("e.py").line(3).message("end without column").end(0, 8).build());
        GateResult r = new GateResult(1, "x", Verdict.FAIL, "odd", SampleResults.STARTED, 1, null, null, null, findings,
                null, null);
        JsonNode doc = sarif(r);
        assertThat(validate(doc)).isEmpty();
        assertThat(doc.at("/runs/0/results/0/locations/0/physicalLocation/region").toString())
                .isEqualTo("{\"startLine\":5,\"startColumn\":10}");
        assertThat(doc.at("/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("c%20d/%C3%A9.py");
    }

    @Test
    @DisplayName("the same result renders to the same bytes")
    void deterministic() {
        GateResult r = SampleResults.syntaxFail();
        assertThat(SarifReport.render(Masked.of(r, new SecretMasker()), null))
                .isEqualTo(SarifReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()), null));
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("past 25,000 results the SARIF is split into files code scanning accepts, most severe first, with the rest counted")
    void splitWithinUploadLimits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        java.util.List<Finding> many = new java.util.ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            many.add(Finding.builder("syntax/python", i < 26_000 ? Severity.WARNING : Severity.ERROR)
                    .file("f" + i + ".py").line(1).message("m").build());
        }
        GateResult r = new GateResult(1, "syntax", io.github.recoverygates.core.Verdict.FAIL, "s", null, 1, null, null, null,
                many, null, null);
        java.util.Map<String, java.nio.file.Path> written = Reports.write(r, java.util.List.of("sarif"), out,
                new io.github.recoverygates.core.SecretMasker(), null);
        com.fasterxml.jackson.databind.JsonNode first = io.github.recoverygates.core.Json.REPORT.readTree(written.get("sarif").toFile());
        com.fasterxml.jackson.databind.JsonNode second = io.github.recoverygates.core.Json.REPORT.readTree(out.resolve("syntax.2.sarif").toFile());
        org.assertj.core.api.Assertions.assertThat(first.at("/runs/0/results").size()).isEqualTo(SarifReport.MAX_RESULTS);
        long errors = java.util.stream.StreamSupport.stream(first.at("/runs/0/results").spliterator(), false)
                .filter(x -> x.path("level").asText().equals("error")).count();
        org.assertj.core.api.Assertions.assertThat(errors).as("every error is in the first file").isEqualTo(4_000);
        org.assertj.core.api.Assertions.assertThat(first.at("/runs/0/properties/resultsInOtherParts/warning").asInt()).isEqualTo(5_000);
        org.assertj.core.api.Assertions.assertThat(second.at("/runs/0/results").size()).isEqualTo(5_000);
        org.assertj.core.api.Assertions.assertThat(first.at("/runs/0/tool/driver/rules/0/helpUri").asText())
                .endsWith("/blob/main/docs/syntax.md");
    }
}
