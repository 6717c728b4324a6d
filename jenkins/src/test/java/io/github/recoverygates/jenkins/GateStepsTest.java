package io.github.recoverygates.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The four steps in real Pipelines on a real (test) Jenkins, on workspaces copied from this module's
 * test resources: {@code fixtures/broken} (one Python file in the mission-critical tests that does not
 * compile: parse rate 50 %; a canonical class defined twice) and {@code fixtures/clean} (the pass
 * path). Needs the Jenkins Maven repository: {@code mvn install && mvn -f jenkins/pom.xml verify}.
 */
@WithJenkins
class GateStepsTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        this.r = rule;
    }

    private static File fixture(String name) throws Exception {
        return new File(GateStepsTest.class.getResource("fixtures/" + name).toURI());
    }

    private WorkflowJob job(String name, String script) throws Exception {
        return job(name, "broken", script);
    }

    private WorkflowJob job(String name, String fixture, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        FilePath workspace = r.jenkins.getWorkspaceFor(job);
        workspace.mkdirs();
        new FilePath(fixture(fixture)).copyRecursiveTo("**/*,**/.recovery-gates.yml", workspace);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static FlowNode stepNode(WorkflowRun run, String functionName) {
        return new DepthFirstScanner().findFirstMatch(run.getExecution(), new NodeStepTypePredicate(functionName));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(r.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void syntaxGateFailsTheBuildAndReturnsItsMetricsToTheScript() throws Exception {
        WorkflowJob job = job("syntax", """
                node {
                  def s = syntaxGate(failOn: 'error')
                  echo "verdict=${s.verdict} errors=${s.counts.error} files=${s.metrics['files.python']}"
                  echo "json=${s.reports.json}"
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("verdict=FAIL", run);
        r.assertLogContains("files=4", run);
        r.assertLogContains("json=recovery-gates-report/syntax.json", run);
        GateRunAction action = run.getAction(GateRunAction.class);
        assertThat(action.getId()).isEqualTo("syntax");
        assertThat(action.getMetrics()).containsEntry("files.python", 4L).containsEntry("failed.python", 1L);
        assertThat(action.getKeyValue()).as("mission_critical parse rate").isEqualTo(50.0);
        assertThat(action.getFindings()).extracting(f -> f.get("file")).contains("tests/mission_critical/test_broken.py");
        assertThat(run.getArtifacts()).extracting(Run.Artifact::getHref)
                .contains("recovery-gates/syntax/syntax.json", "recovery-gates/syntax/syntax.html", "recovery-gates/syntax/syntax.css");
        WarningAction warning = stepNode(run, "syntaxGate").getPersistentAction(WarningAction.class);
        assertThat(warning.getResult()).isEqualTo(Result.FAILURE);
        assertThat(warning.getMessage()).startsWith("syntaxGate fail: ");
    }

    @Test
    void theGatePageIsRenderedOnTheControllerWithEveryAgentStringEscaped() throws Exception {
        WorkflowJob job = job("hostile", """
                node {
                  writeFile file: 'app/<img src=x onerror=alert(1)>.py', text: 'def f(:\\n'
                  syntaxGate(propagate: false, sourceLink: 'https://git.example/blob/main/{file}#L{line}')
                }
                """);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        String page = get(run.getUrl() + run.getAction(GateRunAction.class).getUrlName() + "/");
        String build = get(run.getUrl());

        assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;.py");
        assertThat(page).contains("href=\"https://git.example/blob/main/app/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.py#L1\"");
        assertThat(build).doesNotContain("<img src=x");
    }

    @Test
    void theActionIsInTheRestApi() throws Exception {
        WorkflowJob job = job("api", "node { syntaxGate(propagate: false) }");

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        String json = get(run.getUrl() + "api/json?tree=actions[id,gate,verdict,summary,counts,reportUrls]");

        assertThat(json).contains("\"id\":\"syntax\"").contains("\"verdict\":\"FAIL\"")
                .contains("recovery-gates/syntax/syntax.json");
    }

    @Test
    void unstableOnFailureMarksTheBuildAndTheStageUnstableAndThePipelineGoesOn() throws Exception {
        WorkflowJob job = job("syntax-unstable", """
                node {
                  def s = syntaxGate(unstableOnFailure: true, archive: false)
                  echo "after the gate: ${s.buildResult}"
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

        r.assertLogContains("after the gate: UNSTABLE", run);
        assertThat(stepNode(run, "syntaxGate").getPersistentAction(WarningAction.class).getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(run.getArtifacts()).isEmpty();
    }

    @Test
    void abortPipelineStopsTheScriptAfterPublishing() throws Exception {
        WorkflowJob job = job("abort-pipeline", """
                node {
                  syntaxGate(abortPipeline: true)
                  echo 'not reached'
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogNotContains("not reached", run);
        r.assertLogContains("syntaxGate fail: ", run);
        assertThat(run.getAction(GateRunAction.class).getVerdict()).isEqualTo("FAIL");
    }

    @Test
    void ssotGateOnTheBrokenFixtureFailsOnTheCriticalDuplicate() throws Exception {
        WorkflowJob job = job("ssot", """
                node {
                  def s = ssotGate(threshold: 95, criticalThreshold: 0)
                  echo "verdict=${s.verdict} thresholds=${s.thresholds.collect { it.name }}"
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("verdict=FAIL", run);
        assertThat(run.getAction(GateRunAction.class).getFindings())
                .anySatisfy(f -> assertThat(f).containsEntry("rule", "ssot/duplicate").containsEntry("file", "app/services/user_session.py"));
    }

    @Test
    void theCleanFixturePassesSyntaxAndSsotAndTheBuildStaysGreen() throws Exception {
        WorkflowJob job = job("clean", "clean", """
                node {
                  def syntax = syntaxGate()
                  def ssot = ssotGate(threshold: 95, criticalThreshold: 0)
                  echo "syntax=${syntax.verdict} ssot=${ssot.verdict} rate=${syntax.keyMetric.value}"
                }
                """);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("syntax=PASS ssot=PASS rate=100.0", run);
        assertThat(stepNode(run, "syntaxGate").getPersistentAction(WarningAction.class)).isNull();
        assertThat(run.getActions(GateRunAction.class)).extracting(GateRunAction::getVerdict).containsOnly("PASS");
    }

    @Test
    void listParametersAreLists() throws Exception {
        WorkflowJob job = job("lists", """
                node {
                  def s = syntaxGate(propagate: false, format: ['json', 'html'], exclude: ['**/tests/**'],
                                     settings: ['syntax.languages=[python]'])
                  echo "reports=${s.reports.keySet()} files=${s.metrics['files.python']}"
                }
                """);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("reports=[json, html] files=2", run);
    }

    @Test
    void baselinePreviousComparesWithTheLastCompletedBuildsArchivedReport() throws Exception {
        WorkflowJob job = job("baseline", """
                node {
                  def s = syntaxGate(propagate: false, baseline: 'previous')
                  echo "baseline=${s.baseline}"
                }
                """);

        WorkflowRun first = r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        WorkflowRun second = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("no earlier completed build archived a report for 'syntax'", first);
        r.assertLogContains("baseline from " + first.getFullDisplayName(), second);
        @SuppressWarnings("unchecked")
        Map<String, Object> baseline = (Map<String, Object>) second.getAction(GateRunAction.class).getResult().get("baseline");
        assertThat(baseline).containsEntry("new", 0L).containsEntry("fixed", 0L);
    }

    @Test
    void propagateFalseLeavesTheBuildResultToTheScript() throws Exception {
        WorkflowJob job = job("propagate", """
                node {
                  def s = syntaxGate(propagate: false)
                  if (s.verdict != 'FAIL') { error "fixtures/broken must fail the syntax gate, got ${s.verdict}" }
                  echo "as expected: ${s.summary}"
                }
                """);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("as expected: ", run);
        assertThat(stepNode(run, "syntaxGate").getPersistentAction(WarningAction.class)).isNull();
    }

    @Test
    void theStepsEnvironmentReachesACommandCheck() throws Exception {
        WorkflowJob job = job("environment", """
                node {
                  writeFile file: 'bin/rg-probe', text: '#!/bin/sh\\ntest "$RG_FROM_STEP" = yes\\n'
                  sh 'chmod +x bin/rg-probe'
                  writeFile file: 'ci/probe.yml', text: '''
                recovery:
                  wait: {timeout: 5s, interval: 200ms}
                  checks:
                    - {name: probe, type: command, command: [rg-probe], timeout: 3s}
                '''
                  withEnv(["PATH+RG=${pwd()}/bin", 'RG_FROM_STEP=yes']) {
                    def s = recoveryGate(config: 'ci/probe.yml')
                    echo "verdict=${s.verdict}"
                  }
                }
                """);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("verdict=PASS", run);
    }

    @Test
    void recoveryGateWithANonCriticalServiceDownIsUnstableAsDegraded() throws Exception {
        int port = closedPort();
        WorkflowJob job = job("recovery", """
                node {
                  writeFile file: 'ci/recovery.yml', text: '''
                recovery:
                  wait: {timeout: 2s, interval: 200ms}
                  checks:
                    - {name: cache, type: http, url: "http://127.0.0.1:%d/health", timeout: 1s, critical: false}
                '''
                  def s = recoveryGate(config: 'ci/recovery.yml', unstableOnDegraded: true)
                  echo "verdict=${s.verdict}"
                }
                """.formatted(port));

        WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

        r.assertLogContains("verdict=WARN", run);
        assertThat(stepNode(run, "recoveryGate").getPersistentAction(WarningAction.class).getMessage())
                .startsWith("recoveryGate warn: ");
    }

    @Test
    void goldenPathGateAgainstANonListeningBackendFailsWithTheReasonOnTheStage() throws Exception {
        int port = closedPort();
        WorkflowJob job = job("golden-path", """
                node {
                  writeFile file: 'ci/golden-path.yml', text: '''
                goldenPath:
                  login: {tokenEnv: E2E_TOKEN}
                  websocket: {url: "ws://127.0.0.1:%d/ws", auth: header}
                  expect: {timeout: 2s, firstEventWithin: 1s}
                '''
                  withEnv(['E2E_TOKEN=t0k3n-for-tests']) {
                    def s = goldenPathGate(config: 'ci/golden-path.yml', users: 2, iterations: 1)
                    echo "verdict=${s.verdict}"
                  }
                }
                """.formatted(port));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        assertThat(run.getAction(GateRunAction.class).getVerdict()).isIn("FAIL", "ERROR");
        r.assertLogNotContains("t0k3n-for-tests", run);
    }

    @Test
    void aBadParameterValueFailsTheStepWithAClearMessageAndNoStackTrace() throws Exception {
        WorkflowJob job = job("bad-parameter", "node { ssotGate(failOn: 'sometimes') }");

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("ssotGate: parameter 'failOn' must be error, warning or new, got 'sometimes'", run);
        r.assertLogNotContains("at io.github.recoverygates", run);
    }

    @Test
    void parallelBranchesGetStableIdsFromTheirPositionAndOneTrendEach() throws Exception {
        WorkflowJob job = job("twice", """
                node {
                  parallel repo: { sleep 1; syntaxGate(unstableOnFailure: true, out: 'reports/repo') },
                           backend: { syntaxGate(unstableOnFailure: true, root: 'app', out: 'reports/backend') },
                           named: { syntaxGate(unstableOnFailure: true, id: 'mine', name: 'my syntax', out: 'reports/mine') }
                }
                """);

        WorkflowRun first = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));
        WorkflowRun second = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

        for (WorkflowRun run : List.of(first, second)) {
            assertThat(run.getActions(GateRunAction.class)).extracting(GateRunAction::getId)
                    .containsExactlyInAnyOrder("syntax-repo", "syntax-app-backend", "mine");
        }
        assertThat(GateRunAction.find(first, "mine").getTitle()).isEqualTo("my syntax");
        assertThat(GateRunAction.find(first, "syntax-app-backend").getTitle()).isEqualTo("syntax app [backend]");
        assertThat(first.getArtifacts()).extracting(Run.Artifact::getHref)
                .contains("recovery-gates/syntax-repo/syntax.json", "recovery-gates/syntax-app-backend/syntax.json");
        List<GateTrendAction> trends = job.getActions(GateTrendAction.class);
        assertThat(trends).extracting(GateTrendAction::getId).containsExactlyInAnyOrder("syntax-repo", "syntax-app-backend", "mine");
        assertThat(trends).allSatisfy(t -> assertThat(t.getHistory()).hasSize(2));
    }

    @Test
    void anExplicitIdUsedTwiceFailsTheSecondStep() throws Exception {
        WorkflowJob job = job("same-id", "node { syntaxGate(id: 'x', propagate: false); syntaxGate(id: 'x', propagate: false) }");

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("id 'x' is already used by another gate step in this build", run);
    }

    @Test
    void anAbortStopsTheGateAndTheBuild() throws Exception {
        int port = closedPort();
        WorkflowJob job = job("abort", """
                node {
                  writeFile file: 'ci/slow.yml', text: '''
                recovery:
                  wait: {timeout: 10m, interval: 1s}
                  checks:
                    - {name: never, type: http, url: "http://127.0.0.1:%d/health", timeout: 1s}
                '''
                  echo 'starting the gate'
                  recoveryGate(config: 'ci/slow.yml')
                }
                """.formatted(port));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("starting the gate", run);
        Thread.sleep(2000); // let the gate start waiting on the agent; there is no event to wait for

        run.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
        assertThat(run.getDuration()).isLessThan(60_000);
    }

    @Test
    void eachStepRoundTripsThroughTheSnippetizer() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        SyntaxGateStep syntax = new SyntaxGateStep();
        syntax.setConfig(".recovery-gates.yml");
        syntax.setFailOn("new");
        syntax.setBaseline("previous");
        syntax.setExclude(List.of("**/gen/**"));
        snippets.assertRoundTrip(syntax, "syntaxGate baseline: 'previous', config: '.recovery-gates.yml', exclude: ['**/gen/**'], failOn: 'new'");

        SsotGateStep ssot = new SsotGateStep();
        ssot.setThreshold(95.0);
        ssot.setCriticalThreshold(0);
        ssot.setSettings(List.of("ssot.missingModules=true"));
        snippets.assertRoundTrip(ssot, "ssotGate criticalThreshold: 0, settings: ['ssot.missingModules=true'], threshold: 95.0");

        RecoveryGateStep recovery = new RecoveryGateStep();
        recovery.setConfig("ci/recovery.yml");
        recovery.setUnstableOnDegraded(false);
        recovery.setEnvFiles(List.of(".env.ci"));
        snippets.assertRoundTrip(recovery, "recoveryGate config: 'ci/recovery.yml', envFiles: ['.env.ci'], unstableOnDegraded: false");

        GoldenPathGateStep golden = new GoldenPathGateStep();
        golden.setConfig("ci/golden-path.yml");
        golden.setUsers(50);
        golden.setAbortPipeline(true);
        snippets.assertRoundTrip(golden, "goldenPathGate abortPipeline: true, config: 'ci/golden-path.yml', users: 50");
    }

    @Test
    void theStepsParametersReachTheEngineUnderTheirYamlNamesAndThePluginsOwnStayHere() {
        GoldenPathGateStep golden = new GoldenPathGateStep();
        golden.setUsers(50);
        golden.setRampUp("10s");
        golden.setConfig("  ");
        golden.setId("gp");
        golden.setBaseline("previous");

        Map<String, Object> parameters = golden.parameters();

        assertThat(parameters).containsEntry("users", 50).containsEntry("rampUp", "10s")
                .containsEntry("unstableOnDegraded", true).doesNotContainKeys("config", "id", "name", "abortPipeline", "baseline");
    }
}
