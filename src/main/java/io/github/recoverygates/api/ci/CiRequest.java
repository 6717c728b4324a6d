package io.github.recoverygates.api.ci;

import io.github.recoverygates.api.RunRequest;
import java.util.Map;

/**
 * A step call turned into an engine request.
 *
 * @param step      which step
 * @param request   what the engine runs
 * @param origins   dotted config key to the step parameter that set it, for error messages
 * @param options   what the CI does with the result
 */
public record CiRequest(GateStep step, RunRequest request, Map<String, String> origins, CiOptions options) {
    public CiRequest {
        origins = Map.copyOf(origins);
    }
}
