package io.github.recoverygates.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds a trend action to a job for each gate its last completed build ran. Unlike
 * {@code SimpleBuildStep.LastBuildAction}, which looks only at the last successful build, this keeps
 * the trend visible while the gates are failing - which is when a project in recovery needs it.
 */
@Extension
@SuppressWarnings("rawtypes")
public class GateTrendActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    /** Lets {@code Job.getAction(GateTrendAction.class)} skip this factory for other action types. */
    @Override
    public Class<? extends Action> actionType() {
        return GateTrendAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        Run<?, ?> last = target.getLastCompletedBuild();
        if (last == null) {
            return List.of();
        }
        List<Action> actions = new ArrayList<>();
        for (GateRunAction a : last.getActions(GateRunAction.class)) {
            actions.add(new GateTrendAction((Job<?, ?>) target, a.getId(), a.getTitle()));
        }
        return actions;
    }
}
