package io.github.recoverygates.api.ci;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.render.Annotations;
import io.github.recoverygates.render.Masked;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one CI step through the engine: parameters to request ({@link StepParameters}), the run
 * ({@link Engine}), and the result rendered for the CI ({@link CiRun}). A config mistake comes back
 * as a {@link ConfigException} whose message also names the step parameters that set the key.
 */
public final class CiRunner {

    private final Progress progress;

    public CiRunner(Progress progress) {
        this.progress = progress;
    }

    /** Maps and runs the step {@code functionName}; {@code workspace} is where relative paths start. */
    public CiRun run(String functionName, Map<String, ?> parameters, Path workspace, Map<String, String> environment)
            throws InterruptedException {
        return run(StepParameters.map(StepParameters.gate(functionName), parameters, workspace, environment), workspace);
    }

    public CiRun run(CiRequest request, Path workspace) throws InterruptedException {
        RunResult run;
        try {
            run = new Engine(progress).run(request.request());
        } catch (ConfigException e) {
            throw new ConfigException(request.gate().stepName() + ": " + e.getMessage()
                    + origins(e.getMessage(), request.origins()), e);
        }
        return render(request, run, workspace);
    }

    /** Renders a finished run; separate from {@link #run} so a run made elsewhere can be published alike. */
    public static CiRun render(CiRequest request, RunResult run, Path workspace) {
        Gate gate = request.gate();
        CiOptions options = request.options();
        var masked = Masked.of(run.result(), run.masker());
        BuildOutcome outcome = BuildOutcome.of(gate, masked.verdict(), masked.summary(), options);
        String prefix = rootPrefix(request, workspace);
        return new CiRun(gate, masked,
                ResultMap.of(gate, masked, run.reports(), workspace, run.exitCode(), outcome), outcome,
                Annotations.of(masked, options.maxAnnotations(), prefix),
                Annotations.omitted(masked, options.maxAnnotations()), options, TopFindings.of(masked, prefix));
    }

    /** The checked root relative to the workspace with a trailing '/', or "" (the root is the workspace, or outside it). */
    static String rootPrefix(CiRequest request, Path workspace) {
        Path ws = workspace.toAbsolutePath().normalize();
        Path root = request.request().root().toAbsolutePath().normalize();
        if (root.equals(ws) || !root.startsWith(ws)) {
            return "";
        }
        return ws.relativize(root).toString().replace('\\', '/') + "/";
    }

    /** " (set by parameter 'threshold')" when the message is about a key a step parameter set. */
    static String origins(String message, Map<String, String> origins) {
        List<String> hits = new ArrayList<>();
        origins.forEach((key, origin) -> {
            String last = key.substring(key.lastIndexOf('.') + 1);
            if (message.contains(key) || message.contains("'" + last + "'")) {
                hits.add(origin + " → " + key);
            }
        });
        return hits.isEmpty() ? "" : " (set by " + String.join("; ", hits) + ")";
    }
}
