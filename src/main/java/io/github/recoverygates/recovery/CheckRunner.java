package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the checks along the DAG: each starts as soon as its dependencies allow, retries until it
 * is up or the wait budget runs out, and records every attempt. A check waits for a critical
 * dependency to be up (or finally down: then it is blocked); for a non-critical dependency it waits
 * only for its first attempt, so a dead cache delays nothing. Every attempt runs under a deadline
 * enforced here, whatever the probe does, so no check can hang the gate.
 */
final class CheckRunner {

    /** A retry never gets less time than this, even when the budget is nearly spent. */
    private static final Duration LAST_CHANCE = Duration.ofSeconds(1);
    /** Extra time a probe gets past its own deadline before the runner abandons it. */
    private static final Duration GRACE = Duration.ofMillis(500);

    /** A check to run: its spec, its probe, and (when a variable it needs is missing) why it cannot run. */
    record Node(CheckSpec spec, Probe probe, String environmentCause) {
    }

    private final WaitPolicy wait;
    private final SecretMasker masker;
    private final Progress progress;

    CheckRunner(WaitPolicy wait, SecretMasker masker, Progress progress) {
        this.wait = wait;
        this.masker = masker;
        this.progress = progress;
    }

    /** Runs every node; returns results in the nodes' order. */
    List<CheckResult> run(List<Node> nodes) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + wait.timeout().toNanos();
        Map<String, Node> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.spec().name(), n));
        Map<String, CompletableFuture<CheckResult>> finals = new LinkedHashMap<>();
        Map<String, CompletableFuture<Boolean>> firstAttempts = new LinkedHashMap<>();
        nodes.forEach(n -> {
            finals.put(n.spec().name(), new CompletableFuture<>());
            firstAttempts.put(n.spec().name(), new CompletableFuture<>());
        });
        int threads = Math.max(1, Math.min(nodes.size(), 64));
        ExecutorService checkPool = Executors.newFixedThreadPool(threads, daemon("recovery-check"));
        ExecutorService attemptPool = Executors.newCachedThreadPool(daemon("recovery-attempt"));
        progress.start("recovery checks", nodes.size());
        try {
            for (Node node : nodes) {
                List<CompletableFuture<?>> gates = new ArrayList<>();
                for (String dep : node.spec().dependsOn()) {
                    boolean critical = byName.get(dep).spec().critical();
                    gates.add(critical ? finals.get(dep) : CompletableFuture.anyOf(finals.get(dep), firstAttempts.get(dep)));
                }
                CompletableFuture.allOf(gates.toArray(CompletableFuture[]::new))
                        .thenRunAsync(() -> {
                            CheckResult result;
                            try {
                                result = runNode(node, byName, finals, firstAttempts.get(node.spec().name()),
                                        attemptPool, start, deadline);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                result = unfinished(node, "interrupted");
                            } catch (RuntimeException e) {
                                result = unfinished(node, "check failed unexpectedly: " + e);
                            }
                            // counted before it completes: the run's final "n/n done" line comes after the last one
                            progress.advance(1);
                            firstAttempts.get(node.spec().name()).complete(result.state() == CheckState.UP);
                            finals.get(node.spec().name()).complete(result);
                        }, checkPool);
            }
            return collect(nodes, finals, deadline);
        } finally {
            progress.finish();
            checkPool.shutdownNow();
            attemptPool.shutdownNow();
        }
    }

    /** Waits for every check up to the hard stop; one that has not finished by then is reported unfinished. */
    private List<CheckResult> collect(List<Node> nodes, Map<String, CompletableFuture<CheckResult>> finals, long deadline)
            throws InterruptedException {
        long maxTimeout = nodes.stream().mapToLong(n -> n.spec().timeout().toNanos()).max().orElse(0);
        // worst case: the budget, then one last-chance attempt per level of the DAG
        long hardStop = deadline + (maxTimeout + GRACE.toNanos() + LAST_CHANCE.toNanos()) * Math.max(1, nodes.size());
        try {
            CompletableFuture.allOf(finals.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, hardStop - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // whatever has not finished is reported as such below
        }
        List<CheckResult> results = new ArrayList<>();
        for (Node node : nodes) {
            CheckResult r = finals.get(node.spec().name()).getNow(null);
            results.add(r != null ? r : unfinished(node, "did not finish within the wait budget"));
        }
        return results;
    }

    private CheckResult runNode(Node node, Map<String, Node> byName, Map<String, CompletableFuture<CheckResult>> finals,
                                CompletableFuture<Boolean> firstAttempt, ExecutorService attemptPool,
                                long start, long deadline) throws InterruptedException {
        CheckResult notTried = notTried(node, byName, finals, start, deadline);
        return notTried != null ? notTried : retryUntilUp(node, firstAttempt, attemptPool, start, deadline);
    }

    /**
     * The result of a check that gets no attempt: a variable it needs is missing, a critical dependency is
     * not up, or its dependencies were up only after the budget was spent; null when it is to be tried.
     */
    private CheckResult notTried(Node node, Map<String, Node> byName, Map<String, CompletableFuture<CheckResult>> finals,
                                 long start, long deadline) {
        CheckSpec spec = node.spec();
        if (node.environmentCause() != null) {
            return result(spec, CheckState.SKIPPED, List.of(), masker.mask(node.environmentCause()),
                    CheckResult.ENVIRONMENT, null, null);
        }
        for (String dep : spec.dependsOn()) {
            CheckResult d = finals.get(dep).getNow(null);
            if (byName.get(dep).spec().critical() && (d == null || d.state() != CheckState.UP)) {
                String why = d == null ? "did not finish" : d.cause();
                return result(spec, CheckState.SKIPPED, List.of(), why, dep, null, null);
            }
        }
        if (!spec.dependsOn().isEmpty() && System.nanoTime() >= deadline) {
            // no attempt starts after the budget, not even the first one of a check whose dependencies were late
            // (a check without dependencies starts at once, so it always gets its first attempt)
            return result(spec, notUp(spec), List.of(), "never tried: the wait budget of " + Causes.format(wait.timeout())
                    + " was spent when its dependencies were up (at " + ms(System.nanoTime() - start) + " ms)",
                    null, null, null);
        }
        return null;
    }

    /** Attempts until the check is up or the budget leaves no time for another attempt after the pause. */
    private CheckResult retryUntilUp(Node node, CompletableFuture<Boolean> firstAttempt, ExecutorService attemptPool,
                                     long start, long deadline) throws InterruptedException {
        CheckSpec spec = node.spec();
        List<Attempt> attempts = new ArrayList<>();
        while (true) {
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            // the first attempt always gets the check's own timeout; retries only what the budget has left
            Duration timeout = attempts.isEmpty() ? spec.timeout()
                    : min(spec.timeout(), remaining.compareTo(LAST_CHANCE) < 0 ? LAST_CHANCE : remaining);
            Attempt attempt = attempt(node.probe(), attempts.size() + 1, timeout, attemptPool, start);
            attempts.add(attempt);
            if (attempts.size() == 1) {
                firstAttempt.complete(attempt.up());
            }
            if (attempt.up()) {
                return result(spec, CheckState.UP, attempts, null, null, attempt.atMs() + attempt.latencyMs(), attempt);
            }
            long pause = (long) (wait.interval().toNanos() * (1 - wait.jitter() * ThreadLocalRandom.current().nextDouble()));
            if (System.nanoTime() + pause >= deadline) {
                return result(spec, notUp(spec), attempts, attempt.detail(), null, null, attempt);
            }
            TimeUnit.NANOSECONDS.sleep(pause);
            if (System.nanoTime() >= deadline) {
                return result(spec, notUp(spec), attempts, attempt.detail(), null, null, attempt);
            }
        }
    }

    /** One attempt under its deadline, timed from the runner's start; what it saw is masked. */
    private Attempt attempt(Probe probe, int number, Duration timeout, ExecutorService attemptPool, long start)
            throws InterruptedException {
        long t0 = System.nanoTime();
        String detail;
        String expected = null;
        String actual = null;
        boolean up;
        try {
            detail = attemptWithDeadline(probe, timeout, attemptPool);
            up = true;
        } catch (Probe.ProbeFailure e) {
            detail = e.getMessage();
            expected = e.expected();
            actual = e.actual();
            up = false;
        }
        long t1 = System.nanoTime();
        return new Attempt(number, ms(t0 - start), ms(t1 - t0), up, masker.mask(detail), masker.mask(expected),
                masker.mask(actual));
    }

    private static CheckState notUp(CheckSpec spec) {
        return spec.critical() ? CheckState.DOWN : CheckState.DEGRADED;
    }

    private static CheckResult result(CheckSpec spec, CheckState state, List<Attempt> attempts, String cause,
                                      String blockedBy, Long upAtMs, Attempt last) {
        return new CheckResult(spec.name(), spec.type(), spec.critical(), state, attempts, cause, blockedBy, upAtMs,
                last == null ? null : last.latencyMs(), last == null ? null : last.expected(),
                last == null ? null : last.actual());
    }

    private static String attemptWithDeadline(Probe probe, Duration timeout, ExecutorService pool)
            throws Probe.ProbeFailure, InterruptedException {
        Future<String> future = pool.submit(() -> probe.attempt(timeout));
        try {
            return future.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            String cause = "no answer within " + Causes.format(timeout);
            throw new Probe.ProbeFailure(cause, "an answer within " + Causes.format(timeout), cause);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Probe.ProbeFailure failure) {
                throw failure;
            }
            throw new Probe.ProbeFailure(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private CheckResult unfinished(Node node, String why) {
        CheckSpec spec = node.spec();
        return result(spec, spec.critical() ? CheckState.DOWN : CheckState.DEGRADED, List.of(), why, null, null, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
