package io.github.recoverygates.api.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Step parameters map onto the engine's request and config")
class StepParametersTest {

    @TempDir
    Path workspace;

    private CiRequest map(GateStep step, Object... pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return StepParameters.map(step, params, workspace, Map.of());
    }

    private Config config(CiRequest request) {
        RunRequest r = request.request();
        return Engine.loadConfig(r, r.root(), new SecretMasker());
    }

    @Test
    void goldenPathUsersOverridesTheLoadSectionOfTheConfig() {
        Config config = config(map(GateStep.GOLDEN_PATH, "users", 50, "rampUp", "10s", "successRate", 95));

        assertThat(config.rawSection("goldenPath").at("/load/users").asInt()).isEqualTo(50);
        assertThat(config.rawSection("goldenPath").at("/load/rampUp").asText()).isEqualTo("10s");
        assertThat(config.rawSection("goldenPath").at("/thresholds/successRate").asInt()).isEqualTo(95);
    }

    @Test
    void ssotThresholdsGoToTheSsotSectionUnderTheirYamlNames() {
        Config config = config(map(GateStep.SSOT, "threshold", 95, "criticalThreshold", 0));

        assertThat(config.rawSection("ssot").get("threshold").asInt()).isEqualTo(95);
        assertThat(config.rawSection("ssot").get("criticalThreshold").asInt()).isEqualTo(0);
        assertThat(config.hasSection("syntax")).isFalse();
    }

    @Test
    void aStepParameterReplacesTheValueOfTheConfigFile() throws IOException {
        Files.writeString(workspace.resolve("gates.yml"), "exclude: ['**/backups/**']\n");

        CiRequest request = map(GateStep.SYNTAX, "config", "gates.yml", "exclude", "vendor/**, **/gen/**");

        assertThat(request.request().config()).isEqualTo(workspace.resolve("gates.yml"));
        assertThat(config(request).excludes()).containsExactly("vendor/**", "**/gen/**");
    }

    @Test
    void settingsPassAnyKeyOfTheGatesSectionWithValuesReadAsYaml() {
        CiRequest request = map(GateStep.SSOT, "settings",
                List.of("ssot.envAliases.JWT_SECRET_KEY=[JWT_SECRET]", "ssot.missingModules=false"));
        Config config = config(request);

        assertThat(config.rawSection("ssot").at("/envAliases/JWT_SECRET_KEY/0").asText()).isEqualTo("JWT_SECRET");
        assertThat(config.rawSection("ssot").get("missingModules").isBoolean()).isTrue();
        assertThat(request.origins()).containsEntry("ssot.missingModules", "settings 'ssot.missingModules'");
    }

    @Test
    void settingsMayBeOneStringOfLinesOrAMap() {
        assertThat(StepParameters.settings(GateStep.SYNTAX, "syntax.python.interpreter=python3.12\n\nsyntax.x=3"))
                .containsEntry("syntax.python.interpreter", "python3.12").containsEntry("syntax.x", 3);
        assertThat(StepParameters.settings(GateStep.SYNTAX, Map.of("syntax.y", true))).containsEntry("syntax.y", true);
    }

    @Test
    void runOptionsBecomeTheRequestsFields() {
        Path base = workspace.resolve("reports/syntax.json");
        RunRequest r = map(GateStep.SYNTAX, "root", "examples", "out", "build/gates", "failOn", "new",
                "baseline", "reports/syntax.json", "changedFrom", "origin/main", "shard", "2/4",
                "format", List.of("sarif", "junit"), "cache", ".cache/gates", "workers", 3).request();

        assertThat(r.gate()).isEqualTo("syntax");
        assertThat(r.root()).isEqualTo(workspace.resolve("examples"));
        assertThat(r.out()).isEqualTo(workspace.resolve("build/gates"));
        assertThat(r.failOn()).isEqualTo(FailOn.NEW);
        assertThat(r.baseline()).isEqualTo(base);
        assertThat(r.changedFrom()).isEqualTo("origin/main");
        assertThat(r.shard()).isEqualTo(new Shard(2, 4));
        assertThat(r.formats()).as("json is always written: the result is read from it").containsExactly("json", "sarif", "junit");
        assertThat(r.cache()).isEqualTo(workspace.resolve(".cache/gates"));
        assertThat(r.workers()).isEqualTo(3);
    }

    @Test
    void withoutParametersTheWorkspaceIsCheckedAndReportsGoToItsReportDirectory() {
        CiRequest request = map(GateStep.RECOVERY);

        assertThat(request.request().root()).isEqualTo(workspace.toAbsolutePath().normalize());
        assertThat(request.request().out()).isEqualTo(workspace.resolve(StepParameters.DEFAULT_OUT));
        assertThat(request.request().overrides()).isEmpty();
        assertThat(request.request().formats()).isEmpty();
        assertThat(request.options()).isEqualTo(CiOptions.defaults());
    }

    @Test
    void withARootTheDefaultReportDirectoryIsPerRootSoParallelCallsDoNotCollide() {
        assertThat(map(GateStep.SYNTAX, "root", "examples/monorepo").request().out())
                .isEqualTo(workspace.resolve("recovery-gates-report/examples-monorepo"));
        assertThat(map(GateStep.SYNTAX, "root", ".").request().out())
                .isEqualTo(workspace.resolve("recovery-gates-report"));
    }

    @Test
    void ciOptionsAreReadAndNeverReachTheConfig() {
        CiRequest request = map(GateStep.RECOVERY, "unstableOnDegraded", false, "unstableOnFailure", "true",
                "publishChecks", false, "archive", false, "checksName", "env", "maxAnnotations", 10,
                "sourceLink", "https://example.org/{file}#L{line}", "propagate", false);

        assertThat(request.options()).isEqualTo(new CiOptions(true, false, false, false, "env",
                "https://example.org/{file}#L{line}", 10, false));
        assertThat(request.request().overrides()).isEmpty();
        assertThat(request.options().checksName(GateStep.RECOVERY)).isEqualTo("env");
        assertThat(CiOptions.defaults().checksName(GateStep.GOLDEN_PATH)).isEqualTo("Recovery Gates / golden-path");
    }

    @Test
    void anUnknownParameterIsAnErrorThatListsTheAllowedOnes() {
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "users", 50))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("syntaxGate: unknown parameter users (allowed: ")
                .hasMessageContaining("interpreter")
                .hasMessageContaining("failOn");
    }

    @Test
    void aSettingOutsideTheGatesSectionIsRejected() {
        assertThatThrownBy(() -> map(GateStep.SSOT, "settings", List.of("recovery.wait.timeout=3s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssotGate: settings 'recovery.wait.timeout'")
                .hasMessageContaining("must start with 'ssot.'");
    }

    @Test
    void aSettingWithoutEqualsSignOrWithABadKeyIsRejected() {
        assertThatThrownBy(() -> map(GateStep.SSOT, "settings", List.of("ssot.threshold 90")))
                .hasMessageContaining("must look like section.key=value");
        assertThatThrownBy(() -> map(GateStep.SSOT, "settings", List.of("ssot..threshold=90")))
                .hasMessageContaining("is not a dotted config key");
    }

    @Test
    void theSameKeySetByAParameterAndBySettingsIsAnError() {
        assertThatThrownBy(() -> map(GateStep.SSOT, "threshold", 90, "settings", List.of("ssot.threshold=80")))
                .hasMessage("ssotGate: ssot.threshold is set twice, by settings 'ssot.threshold' and by parameter 'threshold'");
        assertThatThrownBy(() -> map(GateStep.GOLDEN_PATH, "users", 5, "settings", List.of("goldenPath.load={users: 2}")))
                .hasMessageContaining("overlaps");
    }

    @Test
    void illTypedValuesNameTheParameterAndWhatItMustBe() {
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "failOn", "sometimes"))
                .hasMessage("syntaxGate: parameter 'failOn' must be error, warning or new, got 'sometimes'");
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "shard", "3/2"))
                .hasMessageStartingWith("syntaxGate: parameter 'shard': must be I/N");
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "workers", "many"))
                .hasMessage("syntaxGate: parameter 'workers' must be a whole number >= 0, got 'many'");
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "archive", "yes"))
                .hasMessage("syntaxGate: parameter 'archive' must be true or false, got 'yes'");
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "format", "json,pdf"))
                .hasMessageContaining("unknown format 'pdf'");
        assertThatThrownBy(() -> map(GateStep.SYNTAX, "config", List.of("a.yml")))
                .hasMessage("syntaxGate: parameter 'config' must be a string, got a list");
    }

    @Test
    void nullValuesMeanNotGiven() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("config", null);
        params.put("threshold", null);

        CiRequest request = StepParameters.map(GateStep.SSOT, params, workspace, Map.of());

        assertThat(request.request().config()).isNull();
        assertThat(request.request().overrides()).isEmpty();
    }

    @Test
    void everyStepIsFoundByItsFunctionNameAndItsGate() {
        for (GateStep step : GateStep.values()) {
            assertThat(GateStep.byFunctionName(step.functionName())).isSameAs(step);
            assertThat(GateStep.byGate(step.gate())).isSameAs(step);
            assertThat(step.configParameters().values()).allMatch(k -> k.startsWith(step.configKey() + "."));
            assertThat(step.configParameters().keySet()).doesNotContainAnyElementsOf(StepParameters.RUN_PARAMETERS)
                    .doesNotContainAnyElementsOf(StepParameters.CI_PARAMETERS);
        }
        assertThatThrownBy(() -> GateStep.byFunctionName("lintGate")).hasMessageContaining("known: syntaxGate");
    }
}
