package io.github.recoverygates.repair;

import java.util.List;

/** Proposes candidate edits for one kind of damage, from the tokens and the interpreter's position. */
interface Fixer {
    List<Candidate> propose(Broken file);
}
