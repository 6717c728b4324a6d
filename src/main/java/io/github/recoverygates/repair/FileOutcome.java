package io.github.recoverygates.repair;

import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of one file that did not compile: a copy from before the damage that compiles is
 * restored (merged with the file's own sound regions), else the token repair's outcome stands.
 *
 * @param report the file's entry in {@code repair.json}
 * @param change the proven change it proposes, or null
 */
record FileOutcome(RepairReport.FileRepair report, Change change) {

    /**
     * @param offer  what the backups offer the file, or null
     * @param sha256 of the bytes the file was read from
     */
    static FileOutcome of(TokenRepair.Work w, Restores.Offer offer, String scope, String sha256) {
        List<RepairReport.Backup> backups = offer == null ? List.of() : offer.backups();
        List<RepairReport.Step> steps = w.steps.stream()
                .map(s -> new RepairReport.Step(s.fix().id(), s.description(), RepairReport.Error.of(s.repaired()))).toList();
        if (offer != null && offer.merged() != null) {
            return restored(w, offer, scope, sha256, steps);
        }
        RepairReport.Error error = RepairReport.Error.of(w.initial);
        return switch (w.outcome) {
            case REPAIRED -> new FileOutcome(new RepairReport.FileRepair(w.path, scope, RepairReport.Status.PROPOSED, error,
                    "the interpreter compiles the file after " + (steps.size() == 1 ? "this edit" : "these " + steps.size() + " edits"),
                    steps, List.of(), backups, w.tried, LineDiff.size(w.original, w.current)),
                    new Change(w.path, w.original, w.current, w.bom, sha256));
            case AMBIGUOUS -> unchanged(new RepairReport.FileRepair(w.path, scope, RepairReport.Status.NEEDS_HUMAN, error,
                    w.tied.size() + " candidates " + (w.tied.get(0).compiles() ? "compile" : "get past the error")
                            + " equally well at line " + w.failure.line() + ": no guess", steps,
                    w.tied.stream().map(j -> option(w, j)).toList(), backups, w.tried, 0));
            case NO_CANDIDATE -> unchanged(new RepairReport.FileRepair(w.path, scope, RepairReport.Status.NO_CANDIDATE, error,
                    w.tried == 0 ? "no repair pattern fits this error" : "none of " + w.tried
                            + " candidates makes the interpreter get past the error", steps, List.of(), backups, w.tried, 0));
            case PARTIAL -> unchanged(new RepairReport.FileRepair(w.path, scope, RepairReport.Status.PARTIAL, error,
                    "repaired " + steps.size() + " error" + (steps.size() == 1 ? "" : "s") + ", but not the next one: line "
                            + w.failure.line() + ": " + w.failure.message(), steps, List.of(), backups, w.tried, 0));
        };
    }

    private static FileOutcome unchanged(RepairReport.FileRepair report) {
        return new FileOutcome(report, null);
    }

    /** The backup's merged text, with the token repair's edits as the alternative when they give another text. */
    private static FileOutcome restored(TokenRepair.Work w, Restores.Offer offer, String scope, String sha256,
                                        List<RepairReport.Step> steps) {
        RepairReport.Error error = RepairReport.Error.of(w.initial);
        List<RepairReport.Option> alternatives = new ArrayList<>();
        if (w.outcome == TokenRepair.Outcome.REPAIRED && !w.current.equals(offer.merged())) {
            alternatives.add(new RepairReport.Option("edit",
                    String.join("; ", steps.stream().map(RepairReport.Step::description).toList()), List.of()));
        }
        boolean whole = offer.reverted() == offer.regions();
        Fix fix = whole ? Fix.RESTORE_BACKUP : Fix.RESTORE_AND_REAPPLY;
        String description = whole ? "restores the copy from " + offer.copyPath()
                : "restores the copy from " + offer.copyPath() + " where the file no longer compiles (" + offer.reverted()
                + " of " + offer.regions() + " differing regions) and keeps the file's own lines elsewhere";
        int size = LineDiff.size(w.original, offer.merged());
        return new FileOutcome(new RepairReport.FileRepair(w.path, scope, RepairReport.Status.PROPOSED, error,
                "a copy from before the damage compiles: " + offer.copyPath() + " (" + size
                        + " lines differ from it where it matters)",
                List.of(new RepairReport.Step(fix.id(), description, error)), alternatives, offer.backups(), w.tried, size),
                new Change(w.path, w.original, offer.merged(), w.bom, sha256));
    }

    /** A tied candidate as a human sees it: its description and the lines it would produce. */
    private static RepairReport.Option option(TokenRepair.Work w, TokenRepair.Judged j) {
        List<String> before = LineDiff.lines(w.current);
        List<String> after = LineDiff.lines(j.text());
        List<String> shown = new ArrayList<>();
        for (LineDiff.Region g : LineDiff.regions(before, after)) {
            for (int k = g.bFrom(); k < g.bTo() && shown.size() < 6; k++) {
                shown.add((k + 1) + ": " + after.get(k).stripTrailing());
            }
        }
        return new RepairReport.Option(j.candidate().fix().id(), j.candidate().description(), shown);
    }
}
