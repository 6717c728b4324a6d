package io.github.recoverygates.jenkins;

import hudson.Extension;
import hudson.util.FormValidation;
import io.github.recoverygates.api.ci.StepParameters;
import io.github.recoverygates.core.Gate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** {@code recoveryGate}: is the environment and every service up, in the right order? */
public class RecoveryGateStep extends GateStepBase {

    private static final long serialVersionUID = 1L;

    private List<String> envFiles;
    private String timeout;
    private String interval;

    @DataBoundConstructor
    public RecoveryGateStep() {
    }

    @Override
    public Gate gate() {
        return StepParameters.gate("recoveryGate");
    }

    @Override
    protected Map<String, Object> gateParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("envFiles", copy(envFiles));
        p.put("timeout", timeout);
        p.put("interval", interval);
        return p;
    }

    public List<String> getEnvFiles() {
        return envFiles;
    }

    /** {@code recovery.envFiles}: dotenv files read besides the environment, e.g. {@code ['.env.ci']}. */
    @DataBoundSetter
    public void setEnvFiles(List<String> envFiles) {
        this.envFiles = clean(envFiles);
    }

    public String getTimeout() {
        return timeout;
    }

    /** {@code recovery.wait.timeout}: the total time budget, e.g. 60s. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Blank.toNull(timeout);
    }

    public String getInterval() {
        return interval;
    }

    /** {@code recovery.wait.interval}: the retry interval, e.g. 2s. */
    @DataBoundSetter
    public void setInterval(String interval) {
        this.interval = Blank.toNull(interval);
    }

    @Extension
    @Symbol("recoveryGate")
    public static class DescriptorImpl extends GateDescriptor {
        @Override
        protected Gate gate() {
            return StepParameters.gate("recoveryGate");
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return Validation.duration(value);
        }

        public FormValidation doCheckInterval(@QueryParameter String value) {
            return Validation.duration(value);
        }
    }
}
