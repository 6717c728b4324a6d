package io.github.recoverygates.api.ci;

import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.core.Gate;
import java.util.Map;

/**
 * A step call turned into an engine request.
 *
 * @param gate      which gate the step runs
 * @param request   what the engine runs
 * @param origins   dotted config key to the step parameter that set it, for error messages
 * @param options   what the CI does with the result
 */
public record CiRequest(Gate gate, RunRequest request, Map<String, String> origins, CiOptions options) {
    public CiRequest {
        origins = Map.copyOf(origins);
    }
}
