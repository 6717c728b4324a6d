package io.github.recoverygates.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import io.github.recoverygates.api.ci.GateStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * One gate run of a build: its page (verdict, metrics, thresholds, top findings, report links), its
 * badge in the build history, and the data the project trend reads. Holds JDK types only, so
 * XStream stores it with the build as it is.
 */
public class GateRunAction implements RunAction2, BuildBadgeAction {

    private final String id;
    private final String functionName;
    private final String gate;
    private final String root;
    private final LinkedHashMap<String, Object> result;
    private final String summaryHtml;
    private List<String> archived = new ArrayList<>();
    private transient Run<?, ?> run;

    GateRunAction(String id, String functionName, String gate, String root, Map<String, Object> result, String summaryHtml) {
        this.id = id;
        this.functionName = functionName;
        this.gate = gate;
        this.root = root;
        this.result = new LinkedHashMap<>(result);
        this.summaryHtml = summaryHtml;
    }

    /** The action for a finished run; its id is unique in the build and stable across builds. */
    @SuppressWarnings("unchecked")
    static GateRunAction create(Run<?, ?> run, GateStep step, @CheckForNull String root, Map<String, Object> transport) {
        String base = step.gate() + (root == null ? "" : "-" + root.replaceAll("[^A-Za-z0-9_.-]+", "-"));
        String id = base;
        int n = 2;
        while (find(run, id) != null) {
            id = base + "-" + n++;
        }
        return new GateRunAction(id, step.functionName(), step.gate(), root,
                (Map<String, Object>) GateStepExecution.deepCopy(transport.get("result")), (String) transport.get("summaryHtml"));
    }

    @CheckForNull
    static GateRunAction find(Run<?, ?> run, String id) {
        for (GateRunAction a : run.getActions(GateRunAction.class)) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    public String getId() {
        return id;
    }

    public String getFunctionName() {
        return functionName;
    }

    public String getGate() {
        return gate;
    }

    @CheckForNull
    public String getRoot() {
        return root;
    }

    /** The map the step returned to the script. */
    public Map<String, Object> getResult() {
        return Collections.unmodifiableMap(result);
    }

    public String getVerdict() {
        return String.valueOf(result.get("verdict"));
    }

    public String getSummary() {
        return String.valueOf(result.get("summary"));
    }

    @CheckForNull
    public String getReason() {
        return (String) result.get("reason");
    }

    /** Escaped by the engine ({@code SummaryHtml}): safe to write into the page as it is. */
    public String getSummaryHtml() {
        return summaryHtml;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getMetrics() {
        Object m = result.get("metrics");
        return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getCounts() {
        Object m = result.get("counts");
        return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }

    /** Format to the report path relative to the workspace. */
    @SuppressWarnings("unchecked")
    public Map<String, String> getReportPaths() {
        Map<String, String> out = new LinkedHashMap<>();
        Object m = result.get("reports");
        if (m instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The archived report files, as paths under the build's artifacts. */
    public List<String> getArchived() {
        return archived == null ? List.of() : List.copyOf(archived);
    }

    void setArchived(List<String> paths) {
        this.archived = new ArrayList<>(paths);
    }

    /** The trend's value for this build: the key metric (see {@code ResultMap.keyMetric}). */
    @CheckForNull
    public Double getKeyValue() {
        Object key = result.get("keyMetric");
        if (key instanceof Map<?, ?> map && map.get("value") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    public String getKeyLabel() {
        Object key = result.get("keyMetric");
        return key instanceof Map<?, ?> map ? String.valueOf(map.get("label")) : "errors";
    }

    public String getKeyUnit() {
        Object key = result.get("keyMetric");
        return key instanceof Map<?, ?> map && map.get("unit") != null ? String.valueOf(map.get("unit")) : "";
    }

    /** A core symbol by verdict: blue ball for PASS, yellow for WARN, red for FAIL and ERROR. */
    public String getStatusIcon() {
        return switch (getVerdict()) {
            case "PASS" -> "symbol-status-blue";
            case "WARN" -> "symbol-status-yellow";
            default -> "symbol-status-red";
        };
    }

    public String getTitle() {
        return functionName + (root == null ? "" : " (" + root + ")");
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return getStatusIcon();
    }

    @Override
    public String getDisplayName() {
        return getTitle() + ": " + getVerdict().toLowerCase(Locale.ROOT);
    }

    @Override
    public String getUrlName() {
        return "recovery-gates-" + id;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
