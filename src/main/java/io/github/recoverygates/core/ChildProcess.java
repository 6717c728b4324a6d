package io.github.recoverygates.core;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How every gate starts a program (python3, a recovery {@code command} check, git): with the run's
 * environment ({@code RunRequest.environment}: on Jenkins the step's {@code EnvVars}, so
 * {@code withEnv}, {@code tool} and {@code PATH+X=} apply, and the build's
 * {@code JENKINS_NODE_COOKIE}, by which Jenkins kills the build's process tree) laid over the JVM's,
 * the program looked up on <em>that</em> {@code PATH} ({@link ProcessBuilder} searches the JVM's own),
 * and, where a program reads no input, stdin from the null device of the platform.
 */
public final class ChildProcess {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private ChildProcess() {
    }

    /** A builder for {@code command}, its program resolved on the environment's PATH, the environment applied. */
    public static ProcessBuilder builder(List<String> command, Map<String, String> environment) {
        List<String> argv = new ArrayList<>(command);
        Map<String, String> env = environment == null ? Map.of() : environment;
        if (!argv.isEmpty()) {
            argv.set(0, resolve(argv.get(0), env));
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        // on Windows the builder's map compares names case-insensitively, so "PATH" replaces "Path"
        builder.environment().putAll(env);
        return builder;
    }

    /** Input for a program that must read none: NUL on Windows, /dev/null elsewhere. */
    public static ProcessBuilder.Redirect noInput() {
        return ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null"));
    }

    /**
     * The program's absolute path when it is a bare name found on the environment's PATH (with
     * PATHEXT's extensions on Windows); otherwise the name as given, for the JVM's own lookup.
     */
    public static String resolve(String program, Map<String, String> environment) {
        if (program.isEmpty() || program.contains("/") || program.contains(File.separator)) {
            return program;
        }
        String path = lookup(environment, "PATH");
        if (path == null || path.isEmpty()) {
            return program;
        }
        List<String> names = new ArrayList<>();
        if (WINDOWS && !program.contains(".")) {
            String pathext = lookup(environment, "PATHEXT");
            for (String ext : (pathext == null ? ".COM;.EXE;.BAT;.CMD" : pathext).split(";")) {
                if (!ext.isBlank()) {
                    names.add(program + ext.strip().toLowerCase(Locale.ROOT));
                }
            }
        } else {
            names.add(program);
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir.strip()).resolve(name);
                if (Files.isRegularFile(candidate) && (WINDOWS || Files.isExecutable(candidate))) {
                    return candidate.toAbsolutePath().toString();
                }
            }
        }
        return program;
    }

    /** A variable by name; on Windows names are case-insensitive ("Path"). */
    private static String lookup(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value != null || !WINDOWS) {
            return value;
        }
        return environment.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
