package io.github.recoverygates.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import java.io.File;
import java.net.ServerSocket;
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
 * The four steps in real Pipelines on a real (test) Jenkins, on workspaces copied from the
 * repository's {@code examples/monorepo} (every planted problem, see its EXPECTED.md) and
 * {@code examples/monorepo-clean} (the pass path). Needs the Jenkins Maven repository:
 * {@code mvn install && mvn -f jenkins/pom.xml verify}.
 */
@WithJenkins
class GateStepsTest {

    private static final File BROKEN = new File("../examples/monorepo");
    private static final File CLEAN = new File("../examples/monorepo-clean");

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        this.r = rule;
    }

    private WorkflowJob job(String name, String script) throws Exception {
        return job(name, BROKEN, script);
    }

    private WorkflowJob job(String name, File example, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        FilePath workspace = r.jenkins.getWorkspaceFor(job);
        workspace.mkdirs();
        new FilePath(example).copyRecursiveTo(workspace);
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

    @Test
    void syntaxGateFailsTheBuildOnTheExamplesAndReturnsItsMetricsToTheScript() throws Exception {
        WorkflowJob job = job("syntax", """
                node {
                  def s = syntaxGate(failOn: 'error')
                  echo "verdict=${s.verdict} errors=${s.counts.error} files=${s.metrics['files.python']}"
                  echo "json=${s.reports.json}"
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("verdict=FAIL", run);
        r.assertLogContains("files=54", run);
        r.assertLogContains("json=recovery-gates-report/syntax.json", run);
        GateRunAction action = run.getAction(GateRunAction.class);
        assertThat(action.getVerdict()).isEqualTo("FAIL");
        assertThat(action.getId()).isEqualTo("syntax");
        assertThat(action.getMetrics()).containsEntry("files.python", 54L).containsEntry("failed.python", 11L);
        assertThat(action.getKeyValue()).as("mission_critical parse rate").isEqualTo(60.0);
        assertThat(action.getSummaryHtml()).contains("recovery-gates-verdict");
        assertThat(run.getArtifacts()).extracting(Run.Artifact::getHref).contains("recovery-gates/syntax/syntax.json");
        WarningAction warning = stepNode(run, "syntaxGate").getPersistentAction(WarningAction.class);
        assertThat(warning.getResult()).isEqualTo(Result.FAILURE);
        assertThat(warning.getMessage()).startsWith("syntaxGate fail: ");
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
    void ssotGateOnTheBrokenMonorepoFailsOnTheCriticalDuplicate() throws Exception {
        WorkflowJob job = job("ssot", """
                node {
                  def s = ssotGate(threshold: 95, criticalThreshold: 0)
                  echo "verdict=${s.verdict} thresholds=${s.thresholds.collect { it.name }}"
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("verdict=FAIL", run);
        GateRunAction action = run.getAction(GateRunAction.class);
        assertThat(action.getSummaryHtml()).contains("ssot/duplicate").contains("netra_backend/app/services/user_session.py");
    }

    @Test
    void theCleanMonorepoPassesSyntaxAndSsotAndTheBuildStaysGreen() throws Exception {
        WorkflowJob job = job("clean", CLEAN, """
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
    void propagateFalseLeavesTheBuildResultToTheScript() throws Exception {
        WorkflowJob job = job("propagate", """
                node {
                  def s = syntaxGate(propagate: false)
                  if (s.verdict != 'FAIL') { error "examples/monorepo must fail the syntax gate, got ${s.verdict}" }
                  echo "as expected: ${s.summary}"
                }
                """);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        r.assertLogContains("as expected: ", run);
        assertThat(stepNode(run, "syntaxGate").getPersistentAction(WarningAction.class)).isNull();
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

        GateRunAction action = run.getAction(GateRunAction.class);
        assertThat(action.getVerdict()).isIn("FAIL", "ERROR");
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
    void theSameGateTwiceInOneBuildGivesTwoActionsAndTwoTrends() throws Exception {
        WorkflowJob job = job("twice", """
                node {
                  parallel repo: { syntaxGate(unstableOnFailure: true, out: 'reports/repo') },
                           backend: { syntaxGate(unstableOnFailure: true, root: 'netra_backend', out: 'reports/backend') }
                }
                """);

        WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));
        r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

        assertThat(run.getActions(GateRunAction.class)).extracting(GateRunAction::getId)
                .containsExactlyInAnyOrder("syntax", "syntax-netra_backend");
        List<GateTrendAction> trends = job.getActions(GateTrendAction.class);
        assertThat(trends).extracting(GateTrendAction::getId).containsExactlyInAnyOrder("syntax", "syntax-netra_backend");
        assertThat(trends.get(0).getHistory()).hasSize(2);
        assertThat(trends.get(0).getTrendSvg()).startsWith("<svg");
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
        syntax.setBaseline("reports/syntax.json");
        snippets.assertRoundTrip(syntax, "syntaxGate baseline: 'reports/syntax.json', config: '.recovery-gates.yml', failOn: 'new'");

        SsotGateStep ssot = new SsotGateStep();
        ssot.setThreshold(95.0);
        ssot.setCriticalThreshold(0);
        snippets.assertRoundTrip(ssot, "ssotGate criticalThreshold: 0, threshold: 95.0");

        RecoveryGateStep recovery = new RecoveryGateStep();
        recovery.setConfig("ci/recovery.yml");
        recovery.setUnstableOnDegraded(false);
        snippets.assertRoundTrip(recovery, "recoveryGate config: 'ci/recovery.yml', unstableOnDegraded: false");

        GoldenPathGateStep golden = new GoldenPathGateStep();
        golden.setConfig("ci/golden-path.yml");
        golden.setUsers(50);
        snippets.assertRoundTrip(golden, "goldenPathGate config: 'ci/golden-path.yml', users: 50");
    }

    @Test
    void theStepsParametersReachTheEngineUnderTheirYamlNames() {
        GoldenPathGateStep golden = new GoldenPathGateStep();
        golden.setUsers(50);
        golden.setRampUp("10s");
        golden.setConfig("  ");

        Map<String, Object> parameters = golden.parameters();

        assertThat(parameters).containsEntry("users", 50).containsEntry("rampUp", "10s")
                .containsEntry("unstableOnDegraded", true).doesNotContainKey("config");
    }
}
