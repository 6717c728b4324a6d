package io.github.recoverygates.api;

import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import java.nio.file.Path;
import java.util.Map;

/**
 * A finished run: the report model, the files written (format to path), the exit code DESIGN.md
 * fixes, the run's secrets and the directory the reports went to.
 */
public record RunResult(GateResult result, Map<String, Path> reports, int exitCode, SecretMasker masker, Path reportDir) {
}
