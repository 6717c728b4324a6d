package io.github.recoverygates.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import io.github.recoverygates.render.Links;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One gate run of a build: its page (verdict, thresholds, metrics, top findings, report links), its
 * badge in the build history, the data the project trend reads, and its entry in the build's REST
 * API. Holds plain data only ({@link Transport}): the views render and escape it on the controller;
 * nothing from the agent is written into a page as markup.
 */
@ExportedBean
public class GateRunAction implements RunAction2, BuildBadgeAction {

    private final String id;
    private final String functionName;
    private final String gate;
    private final String root;
    private final String label;
    private final String sourceLink;
    private final LinkedHashMap<String, Object> result;
    private final ArrayList<Map<String, Object>> findings;
    private List<String> archived = new ArrayList<>();
    private transient Run<?, ?> run;

    GateRunAction(String id, String functionName, String gate, @CheckForNull String root, String label,
                  @CheckForNull String sourceLink, Map<String, Object> transport) {
        this.id = id;
        this.functionName = functionName;
        this.gate = gate;
        this.root = root;
        this.label = label;
        this.sourceLink = sourceLink;
        this.result = Transport.map(transport.get("result"));
        this.findings = Transport.rows(transport.get("findings"));
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

    @Exported
    public String getId() {
        return id;
    }

    @Exported
    public String getFunctionName() {
        return functionName;
    }

    @Exported
    public String getGate() {
        return gate;
    }

    @Exported
    @CheckForNull
    public String getRoot() {
        return root;
    }

    /** The map the step returned to the script. */
    public Map<String, Object> getResult() {
        return Collections.unmodifiableMap(result);
    }

    @Exported
    public String getVerdict() {
        return String.valueOf(result.get("verdict"));
    }

    @Exported
    public String getSummary() {
        return String.valueOf(result.get("summary"));
    }

    @CheckForNull
    public String getReason() {
        return result.get("reason") instanceof String s ? s : null;
    }

    @Exported
    public Map<String, Object> getMetrics() {
        return section("metrics");
    }

    @Exported
    public Map<String, Object> getCounts() {
        return section("counts");
    }

    /** Against the baseline: file, new, fixed, unchanged; null without a baseline. */
    @CheckForNull
    public Map<String, Object> getBaseline() {
        return result.get("baseline") instanceof Map<?, ?> ? section("baseline") : null;
    }

    /** Each threshold: name, include, required, actual, passed, direction, unit. */
    public List<Map<String, Object>> getThresholds() {
        return Transport.rows(result.get("thresholds"));
    }

    /** The top findings (errors first): severity, rule, category, file, line, message, new. */
    public List<Map<String, Object>> getFindings() {
        return Collections.unmodifiableList(findings);
    }

    /** How many findings the run had in all. */
    public long getTotalFindings() {
        return getCounts().get("total") instanceof Long n ? n : findings.size();
    }

    /** A finding's source link from the step's {@code sourceLink} template, http(s) only, or null. */
    @CheckForNull
    public String link(Map<String, Object> finding) {
        Object file = finding.get("file");
        if (sourceLink == null || !(file instanceof String f)) {
            return null;
        }
        long line = finding.get("line") instanceof Long l ? l : 0;
        return new Links(sourceLink, "").to(f, (int) Math.min(Integer.MAX_VALUE, line)).orElse(null);
    }

    /** A number as the page shows it: whole numbers without ".0". */
    public String number(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    /** Format to the report path relative to the workspace (on the agent). */
    public Map<String, String> getReportPaths() {
        Map<String, String> out = new LinkedHashMap<>();
        section("reports").forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** The archived report files, as paths under the build's artifacts. */
    public List<String> getArchived() {
        return archived == null ? List.of() : List.copyOf(archived);
    }

    void setArchived(List<String> paths) {
        this.archived = new ArrayList<>(paths);
    }

    /** The archived reports as URLs relative to Jenkins' root URL (REST API). */
    @Exported
    public List<String> getReportUrls() {
        List<String> urls = new ArrayList<>();
        if (run != null) {
            for (String path : getArchived()) {
                urls.add(run.getUrl() + "artifact/" + path);
            }
        }
        return urls;
    }

    /** The trend's value for this build: the key metric (see {@code ResultMap.keyMetric}). */
    @CheckForNull
    @Exported
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

    /** The gate's display name: the step's {@code name}, else gate, root and parallel branch. */
    @Exported
    public String getTitle() {
        return label;
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

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String key) {
        Object m = result.get(key);
        return m instanceof Map<?, ?> ? Collections.unmodifiableMap((Map<String, Object>) m) : Map.of();
    }
}
