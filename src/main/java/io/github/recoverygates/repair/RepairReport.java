package io.github.recoverygates.repair;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What {@code repair} found and did, as {@code repair.json} holds it. File texts are not in it:
 * the changes are in {@code repair.patch} and in the SARIF fixes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "interpreter", "applied", "summary", "files", "imports", "verification"})
public record RepairReport(int schemaVersion, String interpreter, boolean applied, Summary summary,
                           List<FileRepair> files, List<ImportRepair> imports, Verification verification) {

    public static final int SCHEMA_VERSION = 1;

    public RepairReport {
        files = List.copyOf(files);
        imports = List.copyOf(imports);
    }

    /** What became of a file or an import. */
    public enum Status {
        /** A proven edit, written to the patch (and to the file with --apply). */
        PROPOSED,
        /** A proven edit written to the file (--apply). */
        APPLIED,
        /** Several candidates compile equally well: no guess. */
        NEEDS_HUMAN,
        /** No candidate made the file compile. */
        NO_CANDIDATE,
        /** Some errors repaired, a later one not: nothing proposed. */
        PARTIAL,
        /** Not a text repair can fix (encoding, null bytes, too large, not readable), or not safe to write. */
        REFUSED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean changes() {
            return this == PROPOSED || this == APPLIED;
        }
    }

    /** Counts of files and imports by what became of them. */
    public record Summary(int failing, int proposed, int applied, int needsHuman, int noCandidate, int partial,
                          int refused, int importsMissing, int importsProposed) {
    }

    /** The interpreter's error: category, message and position. */
    public record Error(String category, String message, int line, int column) {
        static Error of(Failure f) {
            return f == null ? null : new Error(f.category(), f.message(), f.line(), f.column());
        }
    }

    /** One accepted edit: what it does and the error it repaired. */
    public record Step(String fix, String description, Error repaired) {
    }

    /** A candidate shown to a human: what it does and, for one of several equal ones, the lines it produces. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Option(String fix, String description, List<String> lines) {
    }

    /** A copy of the file from before the damage, with the size of the difference. */
    public record Backup(String path, boolean compiles, int linesDiffering) {
    }

    /**
     * One Python file that does not compile.
     *
     * @param scope     the syntax scope it is in (mission_critical, ...), or null
     * @param status    what became of it
     * @param reason    why, in a sentence
     * @param steps     the accepted edits in order (proposed or applied files)
     * @param options   the candidates a human has to choose from (needs-human), or the alternatives
     * @param backups   copies from before the damage
     * @param candidatesTried how many candidate texts the interpreter compiled
     * @param linesChanged lines removed plus lines added by the proposed change
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"path", "scope", "status", "error", "reason", "steps", "options", "backups", "candidatesTried",
            "linesChanged"})
    public record FileRepair(String path, String scope, Status status, Error error, String reason, List<Step> steps,
                             List<Option> options, List<Backup> backups, int candidatesTried, int linesChanged) {
        public FileRepair {
            steps = steps == null ? List.of() : List.copyOf(steps);
            options = options == null ? List.of() : List.copyOf(options);
            backups = backups == null ? List.of() : List.copyOf(backups);
        }

        /** A file repair does not touch: no steps, options, backups or candidates. */
        static FileRepair refused(String path, String scope, Error error, String reason) {
            return new FileRepair(path, scope, Status.REFUSED, error, reason, null, null, null, 0, 0);
        }

        /** This entry with another status and reason, everything else kept. */
        FileRepair with(Status newStatus, String newReason) {
            return new FileRepair(path, scope, newStatus, error, newReason, steps, options, backups, candidatesTried,
                    linesChanged);
        }
    }

    /**
     * An import of a module of this repository that does not exist (ssot/missing-module), and where it went.
     *
     * @param module    the module as the import names it
     * @param movedTo   modules of the same name elsewhere in the tree
     * @param backup    a copy of the missing file from before it was lost, or null
     * @param change    what is proposed: an import change or the restore of the file, or null
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ImportRepair(String path, int line, String module, List<String> movedTo, String backup, Status status,
                               String reason, String change) {
        public ImportRepair {
            movedTo = movedTo == null ? List.of() : List.copyOf(movedTo);
        }

        /** This entry with another status and reason, everything else kept. */
        ImportRepair with(Status newStatus, String newReason) {
            return new ImportRepair(path, line, module, movedTo, backup, newStatus, newReason, change);
        }
    }

    /** The syntax gate run again on the files --apply changed. */
    public record Verification(String verdict, int filesChecked, int filesFailing, String backupDir) {
    }
}
