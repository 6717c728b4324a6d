package io.github.recoverygates.api.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.ReportDir;
import io.github.recoverygates.api.RunOption;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateParameter;
import io.github.recoverygates.core.Gates;
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

    private static Gate gate(String name) {
        return Gates.named(name);
    }

    private CiRequest map(Gate step, Object... pairs) {
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
        CiRequest request = map(gate("golden-path"), "users", 50, "rampUp", "10s", "successRate", 95);

        assertThat(request.request().overrides()).containsEntry("goldenPath.load.users", 50)
                .containsEntry("goldenPath.load.rampUp", "10s").containsEntry("goldenPath.thresholds.successRate", 95);
        assertThatThrownBy(() -> config(request)).as("checked like the file: a golden path needs a login")
                .isInstanceOf(ConfigException.class).hasMessageContaining("goldenPath.login");
    }

    @Test
    void ssotThresholdsGoToTheSsotSectionUnderTheirYamlNames() {
        Config config = config(map(gate("ssot"), "threshold", 95, "criticalThreshold", 0));

        assertThat(config.rawSection("ssot").get("threshold").asInt()).isEqualTo(95);
        assertThat(config.rawSection("ssot").get("criticalThreshold").asInt()).isEqualTo(0);
        assertThat(config.hasSection("syntax")).isFalse();
    }

    @Test
    void aStepParameterReplacesTheValueOfTheConfigFile() throws IOException {
        Files.writeString(workspace.resolve("gates.yml"), "exclude: ['**/backups/**']\n");

        CiRequest request = map(gate("syntax"), "config", "gates.yml", "exclude", "vendor/**, **/gen/**");

        assertThat(request.request().config()).isEqualTo(workspace.resolve("gates.yml"));
        assertThat(config(request).excludes()).as("the parameter adds to the file's excludes")
                .containsExactly("**/backups/**", "vendor/**", "**/gen/**");
        assertThat(config(map(gate("syntax"), "exclude", List.of("vendor/**"))).excludes())
                .as("without a file, the built-in excludes stay").contains("**/node_modules/**").endsWith("vendor/**");
    }

    @Test
    void settingsPassAnyKeyOfTheGatesSectionWithValuesReadAsYaml() {
        CiRequest request = map(gate("ssot"), "settings",
                List.of("ssot.envAliases.JWT_SECRET_KEY=[JWT_SECRET]", "ssot.missingModules=false"));
        Config config = config(request);

        assertThat(config.rawSection("ssot").at("/envAliases/JWT_SECRET_KEY/0").asText()).isEqualTo("JWT_SECRET");
        assertThat(config.rawSection("ssot").get("missingModules").isBoolean()).isTrue();
        assertThat(request.origins()).containsEntry("ssot.missingModules", "settings 'ssot.missingModules'");
    }

    @Test
    void settingsMayBeOneStringOfLinesOrAMap() {
        assertThat(map(gate("syntax"), "settings", "syntax.python.interpreter=python3.12\n\nsyntax.python.workers=3")
                .request().overrides()).containsEntry("syntax.python.interpreter", "python3.12")
                .containsEntry("syntax.python.workers", 3);
        assertThat(map(gate("syntax"), "settings", Map.of("syntax.maxFileSize", "1MB")).request().overrides())
                .containsEntry("syntax.maxFileSize", "1MB");
    }

    @Test
    void runOptionsBecomeTheRequestsFields() {
        Path base = workspace.resolve("reports/syntax.json");
        RunRequest r = map(gate("syntax"), "root", "examples", "out", "build/gates", "failOn", "new",
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
        CiRequest request = map(gate("recovery"));

        assertThat(request.request().root()).isEqualTo(workspace.toAbsolutePath().normalize());
        assertThat(request.request().out()).isEqualTo(workspace.resolve(ReportDir.NAME));
        assertThat(request.request().overrides()).isEmpty();
        assertThat(request.request().formats()).isEmpty();
        assertThat(request.options()).isEqualTo(CiOptions.defaults());
    }

    @Test
    void withARootTheDefaultReportDirectoryIsPerRootSoParallelCallsDoNotCollide() {
        assertThat(map(gate("syntax"), "root", "examples/monorepo").request().out())
                .isEqualTo(workspace.resolve("recovery-gates-report/examples-monorepo"));
        assertThat(map(gate("syntax"), "root", ".").request().out())
                .isEqualTo(workspace.resolve("recovery-gates-report"));
    }

    @Test
    void ciOptionsAreReadAndNeverReachTheConfig() {
        CiRequest request = map(gate("recovery"), "unstableOnDegraded", false, "unstableOnFailure", "true",
                "publishChecks", false, "archive", false, "checksName", "env", "maxAnnotations", 10,
                "sourceLink", "https://example.org/{file}#L{line}", "propagate", false);

        assertThat(request.options()).isEqualTo(new CiOptions(true, false, false, false, "env",
                "https://example.org/{file}#L{line}", 10, false));
        assertThat(request.request().overrides()).isEmpty();
        assertThat(request.options().checksName(gate("recovery"))).isEqualTo("env");
        assertThat(CiOptions.defaults().checksName(gate("golden-path"))).isEqualTo("Recovery Gates / golden-path");
    }

    @Test
    void anUnknownParameterIsAnErrorThatListsTheAllowedOnes() {
        assertThatThrownBy(() -> map(gate("syntax"), "users", 50))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("syntaxGate: unknown parameter users (allowed: ")
                .hasMessageContaining("interpreter")
                .hasMessageContaining("failOn");
    }

    @Test
    void aSettingOutsideTheGatesSectionIsRejected() {
        assertThatThrownBy(() -> map(gate("ssot"), "settings", List.of("recovery.wait.timeout=3s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssotGate: settings 'recovery.wait.timeout'")
                .hasMessageContaining("must start with 'ssot.'");
    }

    @Test
    void aSettingWithoutEqualsSignOrWithABadKeyIsRejected() {
        assertThatThrownBy(() -> map(gate("ssot"), "settings", List.of("ssot.threshold 90")))
                .hasMessageContaining("must look like section.key=value");
        assertThatThrownBy(() -> map(gate("ssot"), "settings", List.of("ssot..threshold=90")))
                .hasMessageContaining("is not a dotted config key");
    }

    @Test
    void theSameKeySetByAParameterAndBySettingsIsAnError() {
        assertThatThrownBy(() -> map(gate("ssot"), "threshold", 90, "settings", List.of("ssot.threshold=80")))
                .hasMessage("ssot.threshold is set twice, by settings 'ssot.threshold' and by parameter 'threshold'");
        assertThatThrownBy(() -> map(gate("golden-path"), "users", 5, "settings", List.of("goldenPath.load={users: 2}")))
                .hasMessageContaining("overlaps");
    }

    @Test
    void illTypedValuesNameTheParameterAndWhatItMustBe() {
        assertThatThrownBy(() -> map(gate("syntax"), "failOn", "sometimes"))
                .hasMessage("syntaxGate: parameter 'failOn' must be error, warning or new, got 'sometimes'");
        assertThatThrownBy(() -> map(gate("syntax"), "shard", "3/2"))
                .hasMessageStartingWith("syntaxGate: parameter 'shard': must be I/N");
        assertThatThrownBy(() -> map(gate("syntax"), "workers", "many"))
                .hasMessage("syntaxGate: parameter 'workers' must be a whole number of at least 1, got 'many'");
        assertThatThrownBy(() -> map(gate("syntax"), "workers", 0))
                .hasMessageStartingWith("syntaxGate: parameter 'workers' must be at least 1, got 0");
        assertThatThrownBy(() -> map(gate("syntax"), "archive", "yes"))
                .hasMessage("syntaxGate: parameter 'archive' must be true or false, got 'yes'");
        assertThatThrownBy(() -> map(gate("syntax"), "format", "json,pdf"))
                .hasMessageContaining("unknown format 'pdf'");
        assertThatThrownBy(() -> map(gate("syntax"), "config", List.of("a.yml")))
                .hasMessage("syntaxGate: parameter 'config' must be a string, got a list");
    }

    @Test
    void nullValuesMeanNotGiven() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("config", null);
        params.put("threshold", null);

        CiRequest request = StepParameters.map(gate("ssot"), params, workspace, Map.of());

        assertThat(request.request().config()).isNull();
        assertThat(request.request().overrides()).isEmpty();
    }

    @Test
    void everyStepIsFoundByItsFunctionNameAndItsParametersSetKeysOfItsOwnSection() {
        for (Gate g : Gates.all()) {
            assertThat(StepParameters.gate(g.stepName())).isSameAs(g);
            assertThat(g.parameters()).allMatch(p -> p.configKey().startsWith(g.configKey() + "."));
            assertThat(g.parameters()).extracting(GateParameter::name)
                    .doesNotContainAnyElementsOf(RunOption.on(RunOption.Surface.STEP).stream().map(RunOption::parameter).toList())
                    .doesNotContainAnyElementsOf(java.util.Arrays.stream(CiOption.values()).map(CiOption::parameter).toList());
        }
        assertThatThrownBy(() -> StepParameters.gate("lintGate")).hasMessageContaining("known: recoveryGate, syntaxGate");
    }
}
