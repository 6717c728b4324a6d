package io.github.recoverygates.jenkins;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.github.recoverygates.render.TrendSvg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The project-level trend of one gate's key metric (mission-critical parse rate, compliance,
 * golden-path success rate, or the error count) across the last builds that ran it.
 */
public class GateTrendAction implements Action {

    static final int BUILDS = 30;

    private final Job<?, ?> job;
    private final String id;
    private final String title;

    GateTrendAction(Job<?, ?> job, String id, String title) {
        this.job = job;
        this.id = id;
        this.title = title;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public String getId() {
        return id;
    }

    /** The gate's action of each recent build that has one, oldest first. */
    public List<GateRunAction> getHistory() {
        List<GateRunAction> history = new ArrayList<>();
        for (Run<?, ?> r : job.getBuilds().limit(BUILDS)) {
            GateRunAction a = GateRunAction.find(r, id);
            if (a != null && a.getKeyValue() != null) {
                history.add(a);
            }
        }
        Collections.reverse(history);
        return history;
    }

    /** An inline SVG, escaped by the engine ({@code TrendSvg}). */
    public String getTrendSvg() {
        List<GateRunAction> history = getHistory();
        List<TrendSvg.Point> points = new ArrayList<>();
        for (GateRunAction a : history) {
            points.add(new TrendSvg.Point("#" + a.getRun().getNumber(), a.getKeyValue()));
        }
        GateRunAction last = history.isEmpty() ? null : history.get(history.size() - 1);
        String label = title + ": " + (last == null ? "trend" : last.getKeyLabel());
        return TrendSvg.of(label, last == null ? "" : last.getKeyUnit(), points);
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return title + " trend";
    }

    @Override
    public String getUrlName() {
        return "recovery-gates-trend-" + id;
    }
}
