package io.github.recoverygates.jenkins;

import hudson.Extension;
import hudson.util.FormValidation;
import io.github.recoverygates.api.ci.StepParameters;
import io.github.recoverygates.core.Gate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** {@code ssotGate}: one source of truth, enforced. */
public class SsotGateStep extends GateStepBase {

    private static final long serialVersionUID = 1L;

    private Double threshold;
    private Integer criticalThreshold;
    private Boolean missingModules;

    @DataBoundConstructor
    public SsotGateStep() {
    }

    @Override
    public Gate gate() {
        return StepParameters.gate("ssotGate");
    }

    @Override
    protected Map<String, Object> gateParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("threshold", threshold);
        p.put("criticalThreshold", criticalThreshold);
        p.put("missingModules", missingModules);
        return p;
    }

    public Double getThreshold() {
        return threshold;
    }

    /** {@code ssot.threshold}: minimum compliance in percent. */
    @DataBoundSetter
    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public Integer getCriticalThreshold() {
        return criticalThreshold;
    }

    /** {@code ssot.criticalThreshold}: maximum critical violations. */
    @DataBoundSetter
    public void setCriticalThreshold(Integer criticalThreshold) {
        this.criticalThreshold = criticalThreshold;
    }

    public Boolean getMissingModules() {
        return missingModules;
    }

    /** {@code ssot.missingModules}: report imports of this repository's modules that resolve to nothing. */
    @DataBoundSetter
    public void setMissingModules(Boolean missingModules) {
        this.missingModules = missingModules;
    }

    @Extension
    @Symbol("ssotGate")
    public static class DescriptorImpl extends GateDescriptor {
        @Override
        protected Gate gate() {
            return StepParameters.gate("ssotGate");
        }

        public FormValidation doCheckThreshold(@QueryParameter String value) {
            return Validation.percent(value);
        }

        public FormValidation doCheckCriticalThreshold(@QueryParameter String value) {
            return Validation.wholeNumber(value, 0);
        }
    }
}
