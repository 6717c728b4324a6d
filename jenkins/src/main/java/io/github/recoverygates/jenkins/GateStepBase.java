package io.github.recoverygates.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.recoverygates.api.ci.StepParameters;
import io.github.recoverygates.core.Gate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * What the four gate steps share: the run's parameters (config, failOn, baseline, shard...), the
 * CI options (how a verdict sets the build result, what is published) and the plugin's own
 * ({@code id}, {@code name}, {@code abortPipeline}, {@code baseline: 'previous'}). The engine's
 * parameters are handed over under their own names and mapped there
 * ({@code io.github.recoverygates.api.ci.StepParameters}); the plugin's own never leave the controller.
 */
public abstract class GateStepBase extends Step implements Serializable {

    private static final long serialVersionUID = 2L;

    /** {@code baseline: 'previous'}: the last completed build's archived report of the same id. */
    public static final String PREVIOUS = "previous";

    private String config;
    private String root;
    private String out;
    private List<String> format;
    private String cache;
    private String baseline;
    private String changedFrom;
    private String shard;
    private String failOn;
    private String filterMode;
    private boolean strictBaseline;
    private Integer workers;
    private List<String> exclude;
    private List<String> settings;
    private boolean unstableOnFailure;
    private boolean unstableOnDegraded = true;
    private boolean publishChecks = true;
    private boolean archive = true;
    private String checksName;
    private String sourceLink;
    private Integer maxAnnotations;
    private boolean propagate = true;
    private String id;
    private String name;
    private boolean abortPipeline;

    /** Which gate this step runs. */
    public abstract Gate gate();

    /** The gate-specific parameters, by their engine names; null values are "not given". */
    protected abstract Map<String, Object> gateParameters();

    /** The parameters the engine reads ({@code StepParameters}); JDK types only, without the plugin's own. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("config", config);
        p.put("root", root);
        p.put("out", out);
        p.put("format", copy(format));
        p.put("cache", cache);
        p.put("baseline", PREVIOUS.equals(baseline) ? null : baseline);
        p.put("changedFrom", changedFrom);
        p.put("shard", shard);
        p.put("failOn", failOn);
        p.put("filterMode", filterMode);
        p.put("strictBaseline", strictBaseline ? Boolean.TRUE : null);
        p.put("workers", workers);
        p.put("exclude", copy(exclude));
        p.put("settings", copy(settings));
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

    /** A list parameter as a fresh {@link ArrayList} (serializable to the agent), or null when not given. */
    @CheckForNull
    protected static ArrayList<String> copy(@CheckForNull List<String> list) {
        return list == null ? null : new ArrayList<>(list);
    }

    /** Non-blank entries, stripped; null for none. */
    @CheckForNull
    static List<String> clean(@CheckForNull List<String> list) {
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : list) {
            if (s != null && !s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.isEmpty() ? null : out;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new GateStepExecution(this, context);
    }

    /** The descriptor all four steps share, apart from their names and their own fields' checks. */
    public abstract static class GateDescriptor extends StepDescriptor {

        /** List parameters: in the form one entry per line (commas also split all but {@code settings}). */
        static final Set<String> LIST_FIELDS = Set.of("format", "exclude", "settings", "envFiles");

        protected abstract Gate gate();

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class, FlowNode.class, Launcher.class);
        }

        @Override
        public String getFunctionName() {
            return gate().stepName();
        }

        @Override
        public String getDisplayName() {
            return "Recovery Gates: " + gate().name() + " gate";
        }

        /** The form's text areas of list parameters become lists before binding. */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            for (String field : LIST_FIELDS) {
                Object value = formData.opt(field);
                if (value instanceof String text) {
                    JSONArray list = new JSONArray();
                    for (String line : text.split("settings".equals(field) ? "\\R" : "[\\r\\n,]+")) {
                        if (!line.isBlank()) {
                            list.add(line.strip());
                        }
                    }
                    if (list.isEmpty()) {
                        formData.remove(field);
                    } else {
                        formData.put(field, list);
                    }
                }
            }
            return super.newInstance(req, formData);
        }

        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("error (default): an error finding or a failed threshold", "");
            items.add("warning: also a warning", "warning");
            items.add("new: only findings absent from the baseline", "new");
            return items;
        }

        public ListBoxModel doFillFilterModeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("all findings (default; the change's lines first)", "");
            items.add("added: only lines the change added", "added");
            items.add("diff_context: the change's hunks", "diff_context");
            items.add("file: files the change touched", "file");
            items.add("nofilter: all findings", "nofilter");
            return items;
        }

        public FormValidation doCheckShard(@QueryParameter String value) {
            return Validation.shard(value);
        }

        public FormValidation doCheckExclude(@QueryParameter String value) {
            return Validation.globs(value);
        }

        public FormValidation doCheckFormat(@QueryParameter String value) {
            return Validation.formats(value);
        }

        public FormValidation doCheckSettings(@QueryParameter String value) {
            return Validation.settings(value, gate());
        }

        public FormValidation doCheckWorkers(@QueryParameter String value) {
            return Validation.wholeNumber(value, 0);
        }

        public FormValidation doCheckMaxAnnotations(@QueryParameter String value) {
            return Validation.wholeNumber(value, 0);
        }

        public FormValidation doCheckId(@QueryParameter String value) {
            return Validation.id(value);
        }

        public FormValidation doCheckSourceLink(@QueryParameter String value) {
            return Validation.sourceLink(value);
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

    public List<String> getFormat() {
        return format;
    }

    /** Report formats, e.g. {@code ['json', 'sarif']}; {@code json} is always written. */
    @DataBoundSetter
    public void setFormat(List<String> format) {
        this.format = clean(format);
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

    /** An earlier {@code <gate>.json} in the workspace, or {@code previous}. */
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

    public String getFilterMode() {
        return filterMode;
    }

    /** Which findings the check run annotates and {@code failOn: 'new'} counts: added, diff_context, file, nofilter. */
    @DataBoundSetter
    public void setFilterMode(String filterMode) {
        this.filterMode = Blank.toNull(filterMode);
    }

    public boolean isStrictBaseline() {
        return strictBaseline;
    }

    @DataBoundSetter
    public void setStrictBaseline(boolean strictBaseline) {
        this.strictBaseline = strictBaseline;
    }

    public Integer getWorkers() {
        return workers;
    }

    @DataBoundSetter
    public void setWorkers(Integer workers) {
        this.workers = workers;
    }

    public List<String> getExclude() {
        return exclude;
    }

    /** Globs that replace the config's {@code exclude}, e.g. {@code ['**}{@code /generated/**']}. */
    @DataBoundSetter
    public void setExclude(List<String> exclude) {
        this.exclude = clean(exclude);
    }

    public List<String> getSettings() {
        return settings;
    }

    /** More overrides of this gate's section, {@code 'section.key=value'} each, values read as YAML. */
    @DataBoundSetter
    public void setSettings(List<String> settings) {
        this.settings = clean(settings);
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

    public String getId() {
        return id;
    }

    /** The action's id: its URL, archive folder and trend; default from the gate, root and parallel branch. */
    @DataBoundSetter
    public void setId(String id) {
        this.id = Blank.toNull(id);
    }

    public String getName() {
        return name;
    }

    /** The display name on the build page, the trend and the check run. */
    @DataBoundSetter
    public void setName(String name) {
        this.name = Blank.toNull(name);
    }

    public boolean isAbortPipeline() {
        return abortPipeline;
    }

    /** True: a FAIL or ERROR verdict makes the step throw, after the result is published. */
    @DataBoundSetter
    public void setAbortPipeline(boolean abortPipeline) {
        this.abortPipeline = abortPipeline;
    }
}
