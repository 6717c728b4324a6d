package io.github.recoverygates.init;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exactly what a commit would record: the entries of the index (the one git hands a pre-commit hook
 * in {@code GIT_INDEX_FILE}, so {@code commit -a} and {@code commit <paths>} are right too), in a
 * private directory under the repository's git directory, keeping their paths: files whose work-tree
 * copy is the staged one are hard-linked, the rest written from their blobs. Untracked files and
 * unstaged edits are not in it. The directory is a throw-away git repository whose objects come from
 * the real one (alternates), whose index is a copy of the real one and whose HEAD is the real HEAD,
 * so a gate run on it with {@code --changed-from HEAD} selects the staged changes and reads nothing
 * else twice; new objects go to the throw-away store, never into the user's. {@link #close()} deletes it.
 *
 * @param root      the throw-away tree (a gate's {@code --root}); null when nothing is staged (nothing is written then)
 * @param topLevel  the real work tree's top level
 * @param gitDir    the real repository's git directory (reports and cache live under it)
 * @param head      the real HEAD commit, or null before the first commit (then every staged file is new)
 * @param staged    the staged paths (added, copied, modified, renamed), relative to the top level
 * @param environment what a gate run on {@link #root} must run git with: this process's variables
 *                    with every {@code GIT_*} location pointing at the throw-away repository
 */
public record StagedTree(Path root, Path topLevel, Path gitDir, String head, List<String> staged, Map<String, String> environment)
        implements AutoCloseable {

    /**
     * The staged snapshot of the repository {@code dir} is in. {@code environment} is what git runs
     * with (a hook's, including its {@code GIT_INDEX_FILE}).
     */
    public static StagedTree of(Path dir, Map<String, String> environment) {
        Git git = new Git(dir, environment);
        Git.Result top = git.run("rev-parse", "--show-toplevel");
        if (top.exit() != 0 || top.lines().isEmpty()) {
            throw new ConfigException("pre-commit: " + dir + " is not inside a git work tree"
                    + (top.error().isEmpty() ? "" : " (" + top.error() + ")"));
        }
        Path topLevel = Path.of(top.lines().get(0));
        Git real = new Git(topLevel, environment);
        Path gitDir = Path.of(real.lines("pre-commit", "rev-parse", "--absolute-git-dir").get(0));
        Path objects = topLevel.resolve(real.lines("pre-commit", "rev-parse", "--git-path", "objects").get(0)).normalize();
        Git.Result headResult = real.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        String head = headResult.exit() == 0 && !headResult.lines().isEmpty() ? headResult.lines().get(0) : null;
        List<String> staged = split(real.output("pre-commit", "diff", "--cached", "--name-only", "-z", "--no-renames",
                "--diff-filter=ACMR", head == null ? emptyTree(real) : "HEAD", "--"));
        if (staged.isEmpty()) {
            return new StagedTree(null, topLevel, gitDir, head, List.of(), Map.copyOf(environment)); // nothing to look at
        }
        Path root = privateDirectory(gitDir);
        try {
            Path copyGit = root.resolve(".git");
            Map<String, String> copyEnv = copyEnvironment(environment, root, copyGit, objects);
            StagedTree tree = new StagedTree(root, topLevel, gitDir, head, List.copyOf(staged), Map.copyOf(copyEnv));
            fill(tree, real, environment, objects);
            return tree;
        } catch (IOException e) {
            delete(root);
            throw new UncheckedIOException("pre-commit: cannot write the staged files into " + root, e);
        } catch (RuntimeException e) {
            delete(root);
            throw e;
        }
    }

    /** A new directory under the git directory that only this user can read. */
    private static Path privateDirectory(Path gitDir) {
        try {
            Path parent = Files.createDirectories(gitDir.resolve("recovery-gates"));
            return Files.createTempDirectory(parent, "staged-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("pre-commit: cannot make a private directory under " + gitDir, e);
        }
    }

    /** This process's variables with every {@code GIT_*} location pointing at the throw-away repository. */
    private static Map<String, String> copyEnvironment(Map<String, String> environment, Path root, Path copyGit, Path objects) {
        Map<String, String> copyEnv = new HashMap<>(environment);
        copyEnv.put("GIT_DIR", copyGit.toString());
        copyEnv.put("GIT_WORK_TREE", root.toString());
        copyEnv.put("GIT_INDEX_FILE", copyGit.resolve("index").toString());
        copyEnv.put("GIT_OBJECT_DIRECTORY", copyGit.resolve("objects").toString());
        copyEnv.put("GIT_ALTERNATE_OBJECT_DIRECTORIES", objects.toString());
        copyEnv.put("GIT_COMMON_DIR", copyGit.toString());
        copyEnv.put("GIT_PREFIX", ""); // the child inherits this process's variables: override, never leave them
        return copyEnv;
    }

    /**
     * Makes {@code tree}'s root the throw-away repository: an empty one first (no template, so no
     * hooks) that borrows the real {@code objects}, then the index's files, the index and HEAD.
     */
    private static void fill(StagedTree tree, Git real, Map<String, String> environment, Path objects) throws IOException {
        Path root = tree.root();
        Path copyGit = root.resolve(".git");
        new Git(root, tree.environment()).lines("pre-commit", "init", "--quiet", "--template=", root.toString());
        Files.writeString(copyGit.resolve("objects/info/alternates"), objects + "\n", StandardCharsets.UTF_8);
        Git copy = new Git(root, tree.environment());
        // the copy's index carries the real index's stat data; a hard link keeps size, mtime and inode
        // (the link changes ctime, so ctime is not compared), so git and the content cache trust them unread
        for (String[] setting : new String[][] {{"core.trustctime", "false"}, {"core.checkStat", "minimal"},
                {"core.untrackedCache", "false"}, {"core.fsmonitor", "false"}}) {
            copy.lines("pre-commit", "config", setting[0], setting[1]);
        }
        materialise(real, tree.topLevel(), root, environment);
        if (!copyIndex(environment, real, tree.topLevel(), copyGit.resolve("index"), copy)) {
            // an index git cannot read as a copy (a split index): the tree of the index, without stat data
            Map<String, String> writeEnv = new HashMap<>(environment);
            writeEnv.put("GIT_OBJECT_DIRECTORY", copyGit.resolve("objects").toString());
            writeEnv.put("GIT_ALTERNATE_OBJECT_DIRECTORIES", objects.toString());
            String indexTree = new Git(tree.topLevel(), writeEnv).lines("pre-commit", "write-tree").get(0);
            copy.lines("pre-commit", "read-tree", indexTree);
        }
        if (tree.head() != null) {
            copy.lines("pre-commit", "update-ref", "HEAD", tree.head());
        }
    }

    /**
     * Writes every index entry into {@code root} at its path. A regular file whose work-tree copy is
     * what the index holds (not listed by {@code git diff}, index against work tree) is hard-linked
     * (copied with its attributes where a link is not possible); every other entry (staged content
     * that differs from the work tree, symbolic links, files missing from the work tree) is written by
     * {@code git checkout-index} from its blob. Submodules (gitlinks) are left out, as checkout does.
     * Nothing here writes into the work tree: a link is only created in {@code root}, and no gate
     * writes into the tree it checks without {@code --apply}, which {@code pre-commit} never passes.
     */
    private static void materialise(Git real, Path topLevel, Path root, Map<String, String> environment) throws IOException {
        Map<String, String> quiet = new HashMap<>(environment);
        quiet.put("GIT_OPTIONAL_LOCKS", "0"); // do not refresh the user's index while looking at it
        java.util.Set<String> differs = new java.util.HashSet<>(split(new Git(topLevel, quiet).output("pre-commit",
                "diff", "--name-only", "-z", "--no-renames", "--")));
        List<String> fromBlobs = new java.util.ArrayList<>();
        for (String entry : split(real.output("pre-commit", "ls-files", "-z", "--stage"))) {
            int tab = entry.indexOf('\t');
            String mode = entry.substring(0, entry.indexOf(' '));
            String path = entry.substring(tab + 1);
            if (mode.equals("160000")) {
                continue;
            }
            Path source = topLevel.resolve(path);
            Path target = root.resolve(path);
            if (!target.normalize().startsWith(root)) {
                continue; // git never stores such a path; never write outside the copy
            }
            boolean regular = mode.startsWith("100") && !differs.contains(path)
                    && Files.isRegularFile(source, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (regular && place(source, target)) {
                continue;
            }
            fromBlobs.add(path);
        }
        Map<String, String> checkoutEnv = new HashMap<>(environment);
        checkoutEnv.put("GIT_LFS_SKIP_SMUDGE", "1"); // never download large files to check syntax
        Git checkout = new Git(topLevel, checkoutEnv);
        int i = 0;
        while (i < fromBlobs.size()) {
            List<String> args = new java.util.ArrayList<>(List.of("checkout-index", "--force", "--prefix=" + root + "/", "--"));
            int length = 0;
            while (i < fromBlobs.size() && (length < 64 * 1024 || args.size() == 4)) {
                length += fromBlobs.get(i).length() + 1;
                args.add(fromBlobs.get(i++));
            }
            checkout.lines("pre-commit", args.toArray(String[]::new));
        }
    }

    /** A hard link at {@code target} to {@code source}, else a copy keeping its time and mode; false when neither works. */
    private static boolean place(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Copies the index git hands this process into the copy; false when the copy cannot read it. */
    private static boolean copyIndex(Map<String, String> environment, Git real, Path topLevel, Path target, Git copy)
            throws IOException {
        String given = environment.get("GIT_INDEX_FILE");
        Path index = given != null && !given.isEmpty() ? Path.of(given).toAbsolutePath()
                : topLevel.resolve(real.lines("pre-commit", "rev-parse", "--git-path", "index").get(0));
        if (!Files.isRegularFile(index)) {
            return false;
        }
        Files.copy(index, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (copy.run("ls-files", "-z").exit() == 0) {
            return true;
        }
        Files.delete(target);
        return false;
    }

    /** The empty tree's id in this repository's hash (sha1 or sha256), to diff against before the first commit. */
    private static String emptyTree(Git git) {
        String format = git.run("rev-parse", "--show-object-format").lines().stream().findFirst().orElse("sha1");
        return format.equals("sha256")
                ? "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321"
                : "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    }

    private static List<String> split(String nulSeparated) {
        return Arrays.stream(nulSeparated.split("\0")).filter(s -> !s.isEmpty()).toList();
    }

    /** Deletes the throw-away tree (never following a symbolic link out of it). */
    @Override
    public void close() {
        delete(root);
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("pre-commit: cannot delete " + dir, e);
        }
    }
}
