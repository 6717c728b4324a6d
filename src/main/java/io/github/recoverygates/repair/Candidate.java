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
 */
record Candidate(Fix fix, String description, int rank, List<Edit> edits, int lastLine) {

    Candidate {
        edits = List.copyOf(edits);
    }

    String apply(String text) {
        return Edit.apply(text, edits);
    }

    /** How much the candidate changes, in characters (see {@link Edit#size}). */
    int size(String source) {
        return edits.stream().mapToInt(e -> e.size(source)).sum();
    }
}
