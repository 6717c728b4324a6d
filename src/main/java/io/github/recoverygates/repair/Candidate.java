package io.github.recoverygates.repair;

import java.util.List;

/**
 * One proposed change to a file, before the interpreter has judged it.
 *
 * @param fix         what kind of repair it is ({@link Fix})
 * @param description what it does, in words that hold no text of the file
 * @param rank        how well the pattern fits the evidence: 0 is the best fit; lower wins among
 *                    candidates that compile, before the size of the change is compared
 * @param edits       the change, on the text it was proposed for
 * @param lastLine    the last line (of that text) the repair claims: the error must move past it
 * @param preference  within a rank, where the pattern itself prefers one candidate to another (lower
 *                    wins; 0 when it has no preference): a moved quote goes back as early as the code
 *                    it swallowed allows
 */
record Candidate(Fix fix, String description, int rank, List<Edit> edits, int lastLine, int preference) {

    Candidate {
        edits = List.copyOf(edits);
    }

    Candidate(Fix fix, String description, int rank, List<Edit> edits, int lastLine) {
        this(fix, description, rank, edits, lastLine, 0);
    }

    String apply(String text) {
        return Edit.apply(text, edits);
    }

    /** How much the candidate changes, in characters (see {@link Edit#size}). */
    int size(String source) {
        return edits.stream().mapToInt(e -> e.size(source)).sum();
    }
}
