package io.github.recoverygates.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.recoverygates.api.ci.GateStep;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the four gate steps share: the run's parameters (config, failOn, baseline, shard...) and the
 * CI options (how a verdict sets the build result, what is published). Each parameter is handed to
 * the engine under its own name; the engine maps it (see {@code io.github.recoverygates.api.ci}).
 */
public abstract class GateStepBase extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private String config;
    private String root;
    private String out;
    private String format;
    private String cache;
    private String baseline;
    private String changedFrom;
    private String shard;
    private String failOn;
    private Integer workers;
    private String exclude;
    private String settings;
    private boolean unstableOnFailure;
    private boolean unstableOnDegraded = true;
    private boolean publishChecks = true;
    private boolean archive = true;
    private String checksName;
    private String sourceLink;
    private Integer maxAnnotations;
    private boolean propagate = true;

    /** Which gate this step runs. */
    public abstract GateStep gateStep();

    /** The gate-specific parameters, by their engine names; null values are "not given". */
    protected abstract Map<String, Object> gateParameters();

    /** All parameters as the engine's {@code StepParameters} reads them; JDK types only. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("config", config);
        p.put("root", root);
        p.put("out", out);
        p.put("format", format);
        p.put("cache", cache);
        p.put("baseline", baseline);
        p.put("changedFrom", changedFrom);
        p.put("shard", shard);
        p.put("failOn", failOn);
        p.put("workers", workers);
        p.put("exclude", exclude);
        p.put("settings", settings);
        p.put("unstableOnFailure", unstableOnFailure);
        p.put("unstableOnDegraded", unstableOnDegraded);
        p.put("publishChecks", publishChecks);
        p.put("archive", archive);
        p.put("checksName", checksName);
        p.put("sourceLink", sourceLink);
        p.put("maxAnnotations", maxAnnotations);
        p.put("propagate", propagate);
        p.putAll(gateParameters());
        p.values().removeIf(v -> v == null || v instanceof String s && s.isBlank());
        return p;
    }

    /** A comma-separated parameter as a list, or null. */
    protected static List<String> commaList(@CheckForNull String text) {
        return text == null || text.isBlank() ? null
                : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(ArrayList::new));
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new GateStepExecution(this, context);
    }

    /** The descriptor all four steps share, apart from their names. */
    public abstract static class GateDescriptor extends StepDescriptor {

        protected abstract GateStep gateStep();

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class, FlowNode.class, Launcher.class);
        }

        @Override
        public String getFunctionName() {
            return gateStep().functionName();
        }

        @Override
        public String getDisplayName() {
            return "Recovery Gates: " + gateStep().gate() + " gate";
        }
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Blank.toNull(config);
    }

    public String getRoot() {
        return root;
    }

    @DataBoundSetter
    public void setRoot(String root) {
        this.root = Blank.toNull(root);
    }

    public String getOut() {
        return out;
    }

    @DataBoundSetter
    public void setOut(String out) {
        this.out = Blank.toNull(out);
    }

    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        this.format = Blank.toNull(format);
    }

    public String getCache() {
        return cache;
    }

    @DataBoundSetter
    public void setCache(String cache) {
        this.cache = Blank.toNull(cache);
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Blank.toNull(baseline);
    }

    public String getChangedFrom() {
        return changedFrom;
    }

    @DataBoundSetter
    public void setChangedFrom(String changedFrom) {
        this.changedFrom = Blank.toNull(changedFrom);
    }

    public String getShard() {
        return shard;
    }

    @DataBoundSetter
    public void setShard(String shard) {
        this.shard = Blank.toNull(shard);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = Blank.toNull(failOn);
    }

    public Integer getWorkers() {
        return workers;
    }

    @DataBoundSetter
    public void setWorkers(Integer workers) {
        this.workers = workers;
    }

    public String getExclude() {
        return exclude;
    }

    @DataBoundSetter
    public void setExclude(String exclude) {
        this.exclude = Blank.toNull(exclude);
    }

    public String getSettings() {
        return settings;
    }

    @DataBoundSetter
    public void setSettings(String settings) {
        this.settings = Blank.toNull(settings);
    }

    public boolean isUnstableOnFailure() {
        return unstableOnFailure;
    }

    @DataBoundSetter
    public void setUnstableOnFailure(boolean unstableOnFailure) {
        this.unstableOnFailure = unstableOnFailure;
    }

    public boolean isUnstableOnDegraded() {
        return unstableOnDegraded;
    }

    @DataBoundSetter
    public void setUnstableOnDegraded(boolean unstableOnDegraded) {
        this.unstableOnDegraded = unstableOnDegraded;
    }

    public boolean isPublishChecks() {
        return publishChecks;
    }

    @DataBoundSetter
    public void setPublishChecks(boolean publishChecks) {
        this.publishChecks = publishChecks;
    }

    public boolean isArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    public String getChecksName() {
        return checksName;
    }

    @DataBoundSetter
    public void setChecksName(String checksName) {
        this.checksName = Blank.toNull(checksName);
    }

    public String getSourceLink() {
        return sourceLink;
    }

    @DataBoundSetter
    public void setSourceLink(String sourceLink) {
        this.sourceLink = Blank.toNull(sourceLink);
    }

    public Integer getMaxAnnotations() {
        return maxAnnotations;
    }

    @DataBoundSetter
    public void setMaxAnnotations(Integer maxAnnotations) {
        this.maxAnnotations = maxAnnotations;
    }

    public boolean isPropagate() {
        return propagate;
    }

    /** False: the step sets no build result; the script decides from the returned map. */
    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }
}
