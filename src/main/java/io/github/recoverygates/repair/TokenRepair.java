package io.github.recoverygates.repair;

import io.github.recoverygates.core.GateException;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairs files error by error. Each round, every fixer proposes candidates for the file's current
 * error; the interpreter compiles all of them (every file's at once); a candidate is kept when the
 * whole file compiles after it, or when the interpreter's next error lies past what the candidate
 * repaired (then the next round takes that error). Among the kept ones the order is: compiles,
 * then rank (how well the pattern fits), then the pattern's own preference, then how many tokens of
 * the rest of the file it disturbs, then its size. Two candidates equal on all and different in text: no guess, the file is
 * left to a human with both. A file is proposed only when its repaired text compiles as a whole.
 */
final class TokenRepair {

    static final int MAX_ROUNDS = 6;
    static final int MAX_CANDIDATES = 120;
    /** A large file gets fewer candidates a round (never fewer than 8), so that one round's texts stay within this. */
    static final long CANDIDATE_BYTES = 32L * 1024 * 1024;
    /** Files repaired together; each group's rounds share the interpreter's batches. */
    static final int GROUP = 32;

    enum Outcome { REPAIRED, AMBIGUOUS, NO_CANDIDATE, PARTIAL }

    /** One accepted edit of a file: what it did and the error it repaired. */
    record Step(Fix fix, String description, Failure repaired) {
    }

    /** A candidate with the interpreter's verdict and its measures. */
    record Judged(Candidate candidate, String text, Failure after, boolean compiles, int disturbance, int size) {
        boolean sameStanding(Judged o) {
            return compiles == o.compiles && candidate.rank() == o.candidate.rank()
                    && candidate.preference() == o.candidate.preference() && disturbance == o.disturbance && size == o.size;
        }
    }

    /** One file's repair as it goes. */
    static final class Work {
        final String path;
        final String original;
        final byte[] bom;
        final Failure initial;
        String current;
        Failure failure;
        final List<Step> steps = new ArrayList<>();
        Outcome outcome;
        List<Judged> tied = List.of();
        int tried;

        Work(String path, String original, byte[] bom, Failure failure) {
            this.path = path;
            this.original = original;
            this.bom = bom;
            this.initial = failure;
            this.current = original;
            this.failure = failure;
        }

        byte[] bytes(String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            if (bom.length == 0) {
                return body;
            }
            byte[] out = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, out, 0, bom.length);
            System.arraycopy(body, 0, out, bom.length, body.length);
            return out;
        }
    }

    private static final Comparator<Judged> ORDER = Comparator.comparing((Judged j) -> !j.compiles)
            .thenComparingInt(j -> j.candidate.rank())
            .thenComparingInt(j -> j.candidate.preference())
            .thenComparingInt(Judged::disturbance)
            .thenComparingInt(Judged::size);

    private final List<Fixer> fixers;
    private final Interpreter interpreter;

    TokenRepair(Interpreter interpreter) {
        this(interpreter, List.of(new StringFixes(), new DocstringQuoteFixes(), new TripleQuoteFixes(), new BracketFixes(),
                new ProseFixes(), new IndentFixes()));
    }

    TokenRepair(Interpreter interpreter, List<Fixer> fixers) {
        this.interpreter = interpreter;
        this.fixers = List.copyOf(fixers);
    }

    /** Runs the rounds, a group of files at a time; each Work ends with an outcome. */
    void run(List<Work> works, Runnable advance) throws GateException, InterruptedException {
        for (int i = 0; i < works.size(); i += GROUP) {
            List<Work> group = works.subList(i, Math.min(works.size(), i + GROUP));
            rounds(group);
            group.forEach(w -> advance.run());
        }
    }

    void run(List<Work> works) throws GateException, InterruptedException {
        run(works, () -> { });
    }

    /** A candidate and the text it gives. */
    private record Proposal(Candidate candidate, String text) {
    }

    private void rounds(List<Work> works) throws GateException, InterruptedException {
        List<Work> active = new ArrayList<>(works);
        for (int round = 1; round <= MAX_ROUNDS && !active.isEmpty(); round++) {
            Map<Work, List<Proposal>> proposed = new LinkedHashMap<>();
            List<byte[]> batch = new ArrayList<>();
            for (Work w : active) {
                List<Proposal> mine = proposals(w);
                proposed.put(w, mine);
                mine.forEach(p -> batch.add(w.bytes(p.text())));
            }
            List<Failure> verdicts = interpreter.compile(batch);
            int at = 0;
            List<Work> next = new ArrayList<>();
            for (Work w : active) {
                List<Proposal> mine = proposed.get(w);
                List<Failure> judged = verdicts.subList(at, at + mine.size());
                at += mine.size();
                w.tried += mine.size();
                if (decide(w, mine, judged)) {
                    next.add(w);
                }
            }
            active = next;
        }
        for (Work w : active) {
            w.outcome = Outcome.PARTIAL; // still failing after MAX_ROUNDS repairs
        }
    }

    /**
     * The distinct texts the fixers propose for the file's current error, each with its best-ranked
     * candidate, best rank first; a large file gets fewer of them.
     */
    private List<Proposal> proposals(Work w) {
        Broken broken = new Broken(w.current, w.failure);
        Map<String, Candidate> unique = new LinkedHashMap<>();
        for (Fixer f : fixers) {
            List<Candidate> candidates;
            try {
                candidates = f.propose(broken);
            } catch (RuntimeException e) {
                continue; // a fixer that cannot read this file offers nothing; the others still may
            }
            for (Candidate c : candidates) {
                String text;
                try {
                    text = c.apply(w.current);
                } catch (IllegalArgumentException e) {
                    continue; // a fixer's edits overlapped: not a candidate
                }
                Candidate seen = unique.get(text);
                if (!text.equals(w.current) && (seen == null || c.rank() < seen.rank())) {
                    unique.put(text, c);
                }
            }
        }
        int cap = (int) Math.max(8, Math.min(MAX_CANDIDATES, CANDIDATE_BYTES / Math.max(1, w.current.length())));
        return unique.entrySet().stream().sorted(Comparator.comparingInt(e -> e.getValue().rank())).limit(cap)
                .map(e -> new Proposal(e.getValue(), e.getKey())).toList();
    }

    /** Judges one file's candidates; true when the file goes on to another round. */
    private boolean decide(Work w, List<Proposal> proposals, List<Failure> verdicts) {
        SourceText before = new SourceText(w.current);
        List<String> oldKeys = keys(w.current);
        List<Judged> kept = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Candidate c = proposals.get(i).candidate();
            String text = proposals.get(i).text();
            Failure after = verdicts.get(i);
            if (after != null && !pastRepair(before, c, new SourceText(text), after, w.failure)) {
                continue;
            }
            kept.add(new Judged(c, text, after, after == null, disturbance(oldKeys, keys(text)), c.size(w.current)));
        }
        if (kept.isEmpty()) {
            w.outcome = w.steps.isEmpty() ? Outcome.NO_CANDIDATE : Outcome.PARTIAL;
            return false;
        }
        kept.sort(ORDER);
        Judged best = kept.get(0);
        List<Judged> tied = kept.stream().filter(best::sameStanding).toList();
        if (tied.size() > 1) {
            w.outcome = Outcome.AMBIGUOUS;
            w.tied = tied;
            return false;
        }
        w.steps.add(new Step(best.candidate().fix(), best.candidate().description(), w.failure));
        w.current = best.text();
        if (best.compiles()) {
            w.outcome = Outcome.REPAIRED;
            return false;
        }
        w.failure = best.after();
        return true;
    }

    /** Whether the interpreter's next error lies past the lines the candidate repaired, in the text before it. */
    private static boolean pastRepair(SourceText before, Candidate c, SourceText after, Failure next, Failure previous) {
        if (next.line() < 1) {
            return false;
        }
        int offset = after.offset(Math.min(next.line(), after.lines()), next.column());
        int old = Edit.before(c.edits(), offset);
        int oldLine = before.lineOf(Math.min(old, Math.max(0, before.length() - 1)));
        return oldLine > Math.max(c.lastLine(), previous.line());
    }

    /** The tokens as compared: indentation tokens left out, so that re-indenting is measured by its size alone. */
    private static List<String> keys(String text) {
        List<String> out = new ArrayList<>();
        for (Tok t : PyTokens.of(text).all()) {
            switch (t.kind()) {
                case INDENT, DEDENT -> {
                }
                case ERROR -> {
                    if (!t.text(text).isBlank()) {
                        out.add(PyTokens.key(text, t));
                    }
                }
                default -> out.add(PyTokens.key(text, t));
            }
        }
        return out;
    }

    /** Tokens that differ between two streams once their common beginning and end are set aside. */
    static int disturbance(List<String> a, List<String> b) {
        int prefix = 0;
        int max = Math.min(a.size(), b.size());
        while (prefix < max && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        return a.size() + b.size() - 2 * (prefix + suffix);
    }
}
