package io.github.recoverygates.api.ci;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Progress;
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

    /** Maps and runs; {@code workspace} is where relative paths start and what report paths are relative to. */
    public CiRun run(GateStep step, Map<String, ?> parameters, Path workspace, Map<String, String> environment)
            throws InterruptedException {
        return run(StepParameters.map(step, parameters, workspace, environment), workspace);
    }

    public CiRun run(CiRequest request, Path workspace) throws InterruptedException {
        RunResult run;
        try {
            run = new Engine(progress).run(request.request());
        } catch (ConfigException e) {
            throw new ConfigException(request.step().functionName() + ": " + e.getMessage()
                    + origins(e.getMessage(), request.origins()), e);
        }
        return render(request, run, workspace);
    }

    /** Renders a finished run; separate from {@link #run} so a run made elsewhere can be published alike. */
    public static CiRun render(CiRequest request, RunResult run, Path workspace) {
        GateStep step = request.step();
        CiOptions options = request.options();
        BuildOutcome outcome = BuildOutcome.of(step, run.result().verdict(), run.result().summary(), options);
        return new CiRun(step, run.result(),
                ResultMap.of(step, run.result(), run.reports(), workspace, run.exitCode(), outcome), outcome,
                Annotations.of(run.result(), options.maxAnnotations(), rootPrefix(request, workspace)),
                Annotations.omitted(run.result(), options.maxAnnotations()),
                SummaryHtml.of(step, run.result(), options.sourceLink(), rootPrefix(request, workspace)), options,
                TopFindings.of(run.result(), rootPrefix(request, workspace)));
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
