package io.github.recoverygates.cli;

import java.io.PrintStream;
import java.io.OutputStream;
import picocli.CommandLine;

/** The CLI's command tree for tests in other packages. */
public final class MainAccess {
    private MainAccess() {
    }

    public static CommandLine commandLine() {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return Main.commandLine(none, none);
    }
}
