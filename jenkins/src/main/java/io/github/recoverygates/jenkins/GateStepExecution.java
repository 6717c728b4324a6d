package io.github.recoverygates.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a gate step: the engine on the agent ({@link GateCallable}) with the step's environment,
 * then on the controller the build action, the build result with a {@link WarningAction} on the
 * step's node (as {@code unstable()} does, so stage views show it), the archived reports and, when
 * checks-api is installed, a check run with line annotations. Returns the script's result map.
 *
 * <p>Not resumable: a safe restart waits for it ({@code blocksRestart} while it runs); after a hard
 * restart it fails with {@code SynchronousResumeNotSupportedException} (docs/jenkins.md).
 */
final class GateStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 2L;
    /** How far back {@code baseline: 'previous'} looks for a build with this gate's archived report. */
    static final int BASELINE_LOOKBACK = 30;

    private final transient GateStepBase step;
    private final String id;
    private final String label;

    /** Reserves the action id now, while the script reaches the step: position, not finish order, decides. */
    GateStepExecution(GateStepBase step, StepContext context) throws Exception {
        super(context);
        this.step = step;
        Run<?, ?> run = context.get(Run.class);
        FlowNode node = context.get(FlowNode.class);
        String branch = node == null ? null : branch(node);
        String gate = step.gate().name();
        String root = step.getRoot();
        String base = step.getId() != null ? step.getId()
                : slug(gate + (root == null ? "" : "-" + root) + (branch == null ? "" : "-" + branch));
        if (step.getId() != null && !Validation.ID.matcher(step.getId()).matches()) {
            throw new AbortException(step.gate().stepName() + ": parameter 'id' must be letters, digits, "
                    + "'_', '.' and '-', starting with a letter or digit, got '" + step.getId() + "'");
        }
        GateIds ids;
        synchronized (run) {
            ids = run.getAction(GateIds.class);
            if (ids == null) {
                ids = new GateIds();
                run.addAction(ids);
            }
        }
        this.id = ids.reserve(base, step.getId() != null);
        this.label = step.getName() != null ? step.getName()
                : gate + (root == null ? "" : " " + root) + (branch == null ? "" : " [" + branch + "]");
    }

    /** The names of the parallel branches the step runs in, outermost first, or null. */
    @CheckForNull
    static String branch(FlowNode node) {
        List<String> names = new ArrayList<>();
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            ThreadNameAction thread = block.getPersistentAction(ThreadNameAction.class);
            if (thread != null) {
                names.add(thread.getThreadName());
            }
        }
        Collections.reverse(names);
        return names.isEmpty() ? null : String.join("/", names);
    }

    static String slug(String text) {
        String s = text.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        TaskListener listener = context.get(TaskListener.class);
        Run<?, ?> run = context.get(Run.class);
        EnvVars env = context.get(EnvVars.class);
        FlowNode node = context.get(FlowNode.class);
        Launcher launcher = context.get(Launcher.class);
        if (workspace == null || listener == null || run == null || env == null || node == null) {
            throw new IllegalStateException(step.gate().stepName() + " needs a node with a workspace");
        }
        workspace.mkdirs();
        Map<String, Object> parameters = step.parameters();
        if (GateStepBase.PREVIOUS.equals(step.getBaseline())) {
            String baseline = previousBaseline(run, workspace, listener);
            if (baseline != null) {
                parameters.put("baseline", baseline);
            }
        }
        // the step's EnvVars (withEnv, tool, PATH+X=, the node's JENKINS_NODE_COOKIE) reach every child process
        Map<String, Object> transport = Transport.map(workspace.act(new GateCallable(step.gate().stepName(),
                parameters, new HashMap<>(env), listener)));

        GateRunAction action = new GateRunAction(id, step.gate().stepName(), step.gate().name(),
                step.getRoot(), label, step.getSourceLink(), transport);
        if (step.isArchive()) {
            action.setArchived(archive(run, workspace, launcher, listener, action));
        }
        run.addAction(action);

        String reason = action.getReason();
        Result result = Result.fromString(String.valueOf(action.getResult().get("buildResult")));
        if (step.isPropagate() && result.isWorseThan(Result.SUCCESS)) {
            listener.getLogger().println(reason);
            run.setResult(result);
            node.addOrReplaceAction(new WarningAction(result).withMessage(reason));
        }
        if (step.isPublishChecks() && Jenkins.get().getPlugin("checks-api") != null) {
            String checksName = step.getChecksName() != null ? step.getChecksName() : "Recovery Gates / " + label;
            ChecksPublishing.publish(run, listener, action, checksName, transport);
        }
        if (step.isAbortPipeline() && ("FAIL".equals(action.getVerdict()) || "ERROR".equals(action.getVerdict()))) {
            throw new AbortException(reason != null ? reason : step.gate().stepName() + " failed");
        }
        return copy(action.getResult());
    }

    /**
     * {@code baseline: 'previous'}: the {@code <gate>.json} archived by the last completed build that
     * ran a gate with this id, copied next to the workspace ({@code <workspace>@tmp}, never into the
     * checked tree); null (and a log line) when there is none.
     */
    @CheckForNull
    private String previousBaseline(Run<?, ?> run, FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        String report = "recovery-gates/" + id + "/" + step.gate().name() + ".json";
        Run<?, ?> previous = run.getPreviousCompletedBuild();
        for (int i = 0; previous != null && i < BASELINE_LOOKBACK; i++, previous = previous.getPreviousCompletedBuild()) {
            GateRunAction earlier = GateRunAction.find(previous, id);
            if (earlier != null && earlier.getArchived().contains(report)) {
                VirtualFile file = previous.getArtifactManager().root().child(report);
                FilePath tmp = WorkspaceList.tempDir(workspace);
                if (tmp == null || !file.isFile()) {
                    break;
                }
                tmp.mkdirs();
                FilePath target = tmp.child("recovery-gates-baseline-" + id + ".json");
                try (InputStream in = file.open()) {
                    target.copyFrom(in);
                }
                listener.getLogger().println(step.gate().stepName() + ": baseline from " + previous.getFullDisplayName());
                return target.getRemote();
            }
        }
        listener.getLogger().println(step.gate().stepName() + ": baseline 'previous': no earlier completed build "
                + "archived a report for '" + id + "'; running without a baseline");
        return null;
    }

    /** Archives the report files under {@code recovery-gates/<action id>/}; returns the artifact paths. */
    private static List<String> archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener,
                                        GateRunAction action) throws Exception {
        Map<String, Map<String, String>> byDirectory = new LinkedHashMap<>();
        List<String> artifacts = new ArrayList<>();
        for (String path : action.getReportPaths().values()) {
            String normalized = path.replace('\\', '/');
            int slash = normalized.lastIndexOf('/');
            String dir = slash < 0 ? "" : normalized.substring(0, slash);
            String name = normalized.substring(slash + 1);
            String artifact = "recovery-gates/" + action.getId() + "/" + name;
            byDirectory.computeIfAbsent(dir, d -> new LinkedHashMap<>()).put(artifact, name);
            artifacts.add(artifact);
            if (name.endsWith(".html")) {
                // the HTML report's stylesheet, so that it renders under the artifact CSP (no inline style)
                String css = name.substring(0, name.length() - ".html".length()) + ".css";
                FilePath base = dir.isEmpty() ? workspace : workspace.child(dir);
                if (base.child(css).exists()) {
                    byDirectory.get(dir).put("recovery-gates/" + action.getId() + "/" + css, css);
                    artifacts.add("recovery-gates/" + action.getId() + "/" + css);
                }
            }
        }
        for (Map.Entry<String, Map<String, String>> e : byDirectory.entrySet()) {
            FilePath base = e.getKey().isEmpty() ? workspace : workspace.child(e.getKey());
            run.pickArtifactManager().archive(base, launcher, BuildListenerAdapter.wrap(listener), e.getValue());
        }
        return artifacts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        return (Map<String, Object>) Transport.plain(map);
    }
}
