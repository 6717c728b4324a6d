package io.github.recoverygates.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says on the console, at the end of the run, which tests were skipped and why (a tool that .ci/run
 * installs was missing: Chromium, redis-server, PostgreSQL, sarif-multitool, ...), so a green run
 * without them is never mistaken for a full one.
 */
public final class SkippedTestsReport implements TestExecutionListener {

    private final List<String> skipped = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(test.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED && test.isTest()) {
            skipped.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder("\n" + skipped.size() + " test(s) SKIPPED (run .ci/run, or install what they name):\n");
        skipped.forEach(line -> s.append("  - ").append(line.replace('\n', ' ')).append('\n'));
        // surefire sends System.err of the tests to a file; the fork's own stderr reaches the console of `mvn verify`
        java.io.PrintStream console = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8);
        console.print(s);
        console.flush();
    }
}
