package io.github.recoverygates.jenkins;

import hudson.Extension;
import io.github.recoverygates.api.ci.StepParameters;
import io.github.recoverygates.core.Gate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code syntaxGate}: can the code and its tests be parsed and collected? */
public class SyntaxGateStep extends GateStepBase {

    private static final long serialVersionUID = 1L;

    private String interpreter;

    @DataBoundConstructor
    public SyntaxGateStep() {
    }

    @Override
    public Gate gate() {
        return StepParameters.gate("syntaxGate");
    }

    @Override
    protected Map<String, Object> gateParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("interpreter", interpreter);
        return p;
    }

    public String getInterpreter() {
        return interpreter;
    }

    /** {@code syntax.python.interpreter}: the Python whose compiler decides. */
    @DataBoundSetter
    public void setInterpreter(String interpreter) {
        this.interpreter = Blank.toNull(interpreter);
    }

    @Extension
    @Symbol("syntaxGate")
    public static class DescriptorImpl extends GateDescriptor {
        @Override
        protected Gate gate() {
            return StepParameters.gate("syntaxGate");
        }
    }
}
