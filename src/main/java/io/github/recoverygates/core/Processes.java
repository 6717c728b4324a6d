package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Ending child processes for good: the process, everything it started, and — when it leads its own
 * process group ({@link ChildProcess#inOwnProcessGroup}) — every process of that group, including the
 * ones whose parent already exited (a {@code (sleep 300 &)} in a shell script is no descendant of
 * anything we started any more, but it is still in the group).
 */
public final class Processes {

    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /** Kills {@code p} and its whole process tree and group (children first, so none is orphaned), then waits briefly. */
    public static void kill(Process p) {
        kill(p.toHandle());
    }

    public static void kill(ProcessHandle handle) {
        long pid = handle.pid();
        boolean leader = processGroup(pid).orElse(-1) == pid;
        // the group is read before and after the kill: a member forked in between is caught by the second look
        List<ProcessHandle> group = leader ? groupMembers(pid) : List.of();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        group.forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        if (leader) {
            groupMembers(pid).forEach(ProcessHandle::destroyForcibly);
        }
        try {
            handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // it is killed; the exit is only awaited so that its pipes close before we read them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process group of {@code pid} (Linux {@code /proc}); empty elsewhere or when it is gone. */
    static OptionalLong processGroup(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields.length > 2 ? OptionalLong.of(Long.parseLong(fields[2])) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Every live process of group {@code group} but the group's leader itself. */
    private static List<ProcessHandle> groupMembers(long group) {
        List<ProcessHandle> members = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return members;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != group && processGroup(pid).orElse(-1) == group) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // what could be read is killed; the tree walk covers the rest
        }
        return members;
    }
}
