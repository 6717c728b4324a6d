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

/** {@code goldenPathGate}: does the user journey work end to end, for many users at once? */
public class GoldenPathGateStep extends GateStepBase {

    private static final long serialVersionUID = 1L;

    private Integer users;
    private Integer iterations;
    private String rampUp;
    private Double successRate;
    private Double connectRate;
    private String p95;
    private Boolean isolation;

    @DataBoundConstructor
    public GoldenPathGateStep() {
    }

    @Override
    public Gate gate() {
        return StepParameters.gate("goldenPathGate");
    }

    @Override
    protected Map<String, Object> gateParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("users", users);
        p.put("iterations", iterations);
        p.put("rampUp", rampUp);
        p.put("successRate", successRate);
        p.put("connectRate", connectRate);
        p.put("p95", p95);
        p.put("isolation", isolation);
        return p;
    }

    public Integer getUsers() {
        return users;
    }

    /** {@code goldenPath.load.users}: concurrent virtual users. */
    @DataBoundSetter
    public void setUsers(Integer users) {
        this.users = users;
    }

    public Integer getIterations() {
        return iterations;
    }

    /** {@code goldenPath.load.iterations}: journeys per user. */
    @DataBoundSetter
    public void setIterations(Integer iterations) {
        this.iterations = iterations;
    }

    public String getRampUp() {
        return rampUp;
    }

    /** {@code goldenPath.load.rampUp}: time to start all users, e.g. 10s. */
    @DataBoundSetter
    public void setRampUp(String rampUp) {
        this.rampUp = Blank.toNull(rampUp);
    }

    public Double getSuccessRate() {
        return successRate;
    }

    /** {@code goldenPath.thresholds.successRate}: percent of journeys that must pass. */
    @DataBoundSetter
    public void setSuccessRate(Double successRate) {
        this.successRate = successRate;
    }

    public Double getConnectRate() {
        return connectRate;
    }

    /** {@code goldenPath.thresholds.connectRate}: percent of WebSocket upgrades that must succeed. */
    @DataBoundSetter
    public void setConnectRate(Double connectRate) {
        this.connectRate = connectRate;
    }

    public String getP95() {
        return p95;
    }

    /** {@code goldenPath.thresholds.p95}: the journey latency bound, e.g. 30s. */
    @DataBoundSetter
    public void setP95(String p95) {
        this.p95 = Blank.toNull(p95);
    }

    public Boolean getIsolation() {
        return isolation;
    }

    /** {@code goldenPath.thresholds.isolation}: no event may reach another user. */
    @DataBoundSetter
    public void setIsolation(Boolean isolation) {
        this.isolation = isolation;
    }

    @Extension
    @Symbol("goldenPathGate")
    public static class DescriptorImpl extends GateDescriptor {
        @Override
        protected Gate gate() {
            return StepParameters.gate("goldenPathGate");
        }

        public FormValidation doCheckUsers(@QueryParameter String value) {
            return Validation.wholeNumber(value, 1);
        }

        public FormValidation doCheckIterations(@QueryParameter String value) {
            return Validation.wholeNumber(value, 1);
        }

        public FormValidation doCheckRampUp(@QueryParameter String value) {
            return Validation.duration(value);
        }

        public FormValidation doCheckP95(@QueryParameter String value) {
            return Validation.duration(value);
        }

        public FormValidation doCheckSuccessRate(@QueryParameter String value) {
            return Validation.percent(value);
        }

        public FormValidation doCheckConnectRate(@QueryParameter String value) {
            return Validation.percent(value);
        }
    }
}
