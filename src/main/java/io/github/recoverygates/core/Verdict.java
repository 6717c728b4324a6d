package io.github.recoverygates.core;

/** A gate's answer. Ordered from best to worst so that {@link #worst} can combine gates. */
public enum Verdict {
    PASS(0), WARN(0), FAIL(1), ERROR(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this verdict, as DESIGN.md fixes it. */
    public int exitCode() {
        return exitCode;
    }

    public static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
