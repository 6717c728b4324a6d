package io.github.recoverygates.goldenpath;

/**
 * A journey that stopped before its events: the failure class ({@code login-http-404},
 * {@code http-502}, {@code connect-refused}, …) and a one-line cause for the report.
 */
final class StageFailure extends RuntimeException {

    private final String failureClass;

    StageFailure(String failureClass, String detail) {
        super(detail, null, false, false);
        this.failureClass = failureClass;
    }

    String failureClass() {
        return failureClass;
    }

    String detail() {
        return getMessage();
    }
}
