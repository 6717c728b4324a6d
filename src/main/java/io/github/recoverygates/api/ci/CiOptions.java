package io.github.recoverygates.api.ci;

/**
 * How a CI wrapper turns a verdict into a build result and what it publishes; these step
 * parameters do not reach the engine.
 *
 * @param unstableOnFailure  a FAIL verdict marks the build UNSTABLE instead of FAILURE
 * @param unstableOnDegraded a WARN verdict (warnings, a non-critical check down) marks the build
 *                           UNSTABLE; false leaves it SUCCESS
 * @param publishChecks      publish a check run with line annotations when the CI can
 * @param archive            archive the report files with the build
 * @param checksName         the check run's name; null means "Recovery Gates / &lt;gate&gt;"
 * @param sourceLink         a link template for findings in the summary, with {@code {file}} and
 *                           {@code {line}}, or null for no links
 * @param maxAnnotations     at most this many line annotations (errors first)
 * @param propagate          apply the build outcome to the build; false leaves the result to the script,
 *                           which reads {@code buildResult} and {@code verdict} from the returned map
 */
public record CiOptions(boolean unstableOnFailure, boolean unstableOnDegraded, boolean publishChecks,
                        boolean archive, String checksName, String sourceLink, int maxAnnotations, boolean propagate) {

    public static final int DEFAULT_MAX_ANNOTATIONS = 500;

    public static CiOptions defaults() {
        return new CiOptions(false, true, true, true, null, null, DEFAULT_MAX_ANNOTATIONS, true);
    }

    public String checksName(GateStep step) {
        return checksName == null || checksName.isBlank() ? "Recovery Gates / " + step.gate() : checksName;
    }
}
