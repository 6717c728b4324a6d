package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.Verdict;
import java.util.Locale;

/**
 * What a verdict does to the build: PASS leaves it SUCCESS, WARN makes it UNSTABLE (unless
 * {@code unstableOnDegraded} is off), FAIL makes it FAILURE (UNSTABLE when {@code unstableOnFailure}),
 * ERROR makes it FAILURE. {@code reason} is the line a CI shows next to the result, null for SUCCESS.
 *
 * @param result SUCCESS, UNSTABLE or FAILURE (the names Jenkins' {@code Result} and most CIs use)
 * @param reason why, or null
 */
public record BuildOutcome(String result, String reason) {

    public static final String SUCCESS = "SUCCESS";
    public static final String UNSTABLE = "UNSTABLE";
    public static final String FAILURE = "FAILURE";

    public static BuildOutcome of(Gate gate, Verdict verdict, String summary, CiOptions options) {
        String what = gate.stepName() + " " + verdict.name().toLowerCase(Locale.ROOT) + ": " + summary;
        return switch (verdict) {
            case PASS -> new BuildOutcome(SUCCESS, null);
            case WARN -> options.unstableOnDegraded() ? new BuildOutcome(UNSTABLE, what) : new BuildOutcome(SUCCESS, null);
            case FAIL -> new BuildOutcome(options.unstableOnFailure() ? UNSTABLE : FAILURE, what);
            case ERROR -> new BuildOutcome(FAILURE, gate.stepName() + " could not run: " + summary);
        };
    }

    public boolean isSuccess() {
        return SUCCESS.equals(result);
    }
}
