package io.github.recoverygates.repair;

import java.io.PrintStream;

/**
 * The run's summary on stdout. File names and messages come from the repository, so every
 * control character is shown escaped and no line can start with "::": nothing printed can become a
 * workflow command or split into lines of its own.
 */
public final class Console {

    private Console() {
    }

    /** One printable line: control characters as \\uXXXX, a leading "::" broken. */
    public static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        String line = out.toString();
        return line.startsWith("::") ? ": :" + line.substring(2) : line;
    }

    public static void print(Repair.Result result, java.util.Map<String, java.nio.file.Path> files, PrintStream out) {
        RepairReport r = result.report();
        RepairReport.Summary s = r.summary();
        out.println(safe("repair: " + s.failing() + " Python files do not compile; " + (r.applied()
                ? s.applied() + " repaired and written" : s.proposed() + " with a proven repair") + ", "
                + s.needsHuman() + " need a human, " + s.noCandidate() + " without a candidate, " + s.partial()
                + " only partly repairable, " + s.refused() + " refused; missing modules: " + s.importsProposed() + " of "
                + s.importsMissing() + " with a proposal"));
        for (RepairReport.FileRepair f : r.files()) {
            out.println(safe("  " + f.status().id() + "  " + f.path() + (f.scope() == null ? "" : " [" + f.scope() + "]")
                    + (f.error() == null ? "" : "  line " + f.error().line() + " " + f.error().category()) + ": " + f.reason()));
            for (RepairReport.Step step : f.steps()) {
                out.println(safe("      - " + step.description()));
            }
            for (RepairReport.Option o : f.options()) {
                out.println(safe("      ? " + o.description()));
            }
            for (RepairReport.Backup b : f.backups()) {
                out.println(safe("      backup " + b.path() + (b.compiles() ? " compiles" : " does not compile") + ", "
                        + b.linesDiffering() + " lines differ"));
            }
        }
        for (RepairReport.ImportRepair i : r.imports()) {
            out.println(safe("  " + i.status().id() + "  " + i.path() + ":" + i.line() + " import " + i.module() + ": " + i.reason()));
        }
        if (r.verification() != null) {
            out.println(safe("syntax gate on the " + r.verification().filesChecked() + " written files: "
                    + r.verification().verdict() + " (" + r.verification().filesFailing() + " failing); previous versions in "
                    + r.verification().backupDir()));
        }
        files.forEach((k, p) -> out.println(safe("repair " + k + ": " + p)));
    }
}
