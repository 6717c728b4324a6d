package io.github.recoverygates.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a gate step: the engine on the agent ({@link GateCallable}), then on the controller the build
 * action, the build result with a {@link WarningAction} on the step's node (as {@code unstable()}
 * does, so stage views show it), the archived reports and, when checks-api is installed, a check
 * run with line annotations. Returns the script's result map.
 */
final class GateStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final transient GateStepBase step;

    GateStepExecution(GateStepBase step, StepContext context) {
        super(context);
        this.step = step;
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
            throw new IllegalStateException(step.gateStep().functionName() + " needs a node with a workspace");
        }
        workspace.mkdirs();
        Map<String, Object> parameters = step.parameters();
        Map<String, Object> transport = workspace.act(new GateCallable(step.gateStep().functionName(), parameters,
                new TreeMap<>(env), listener));

        GateRunAction action = GateRunAction.create(run, step.gateStep(), (String) parameters.get("root"), transport);
        if (Boolean.TRUE.equals(transport.get("archive"))) {
            action.setArchived(archive(run, workspace, launcher, listener, action));
        }
        run.addAction(action);

        String buildResult = (String) transport.get("buildResult");
        String reason = (String) transport.get("reason");
        Result result = Result.fromString(buildResult);
        if (Boolean.TRUE.equals(transport.get("propagate")) && result.isWorseThan(Result.SUCCESS)) {
            listener.getLogger().println(reason);
            run.setResult(result);
            node.addOrReplaceAction(new WarningAction(result).withMessage(reason));
        }
        if (Boolean.TRUE.equals(transport.get("publishChecks")) && Jenkins.get().getPlugin("checks-api") != null) {
            ChecksPublishing.publish(run, listener, action, transport);
        }
        return copy(action.getResult());
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
        }
        for (Map.Entry<String, Map<String, String>> e : byDirectory.entrySet()) {
            FilePath base = e.getKey().isEmpty() ? workspace : workspace.child(e.getKey());
            run.pickArtifactManager().archive(base, launcher, BuildListenerAdapter.wrap(listener), e.getValue());
        }
        return artifacts;
    }

    /** A fresh copy for the script, so that a script changing it cannot change the stored action. */
    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayList<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        return (Map<String, Object>) deepCopy(map);
    }
}
