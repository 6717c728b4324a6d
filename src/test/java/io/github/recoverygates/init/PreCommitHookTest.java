package io.github.recoverygates.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.action.TestJars;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook in a real git repository, run by a real {@code git commit}: it judges exactly
 * the staged content (index blobs), not the work tree; untracked files do not matter; odd file
 * names survive; the engine is found through {@code $RECOVERY_GATES_JAR} or {@code PATH}, never an
 * absolute path written into the hook. With the pre-commit framework installed, the
 * {@code .pre-commit-config.yaml} entry {@code init --hooks} writes and this repository's published
 * {@code .pre-commit-hooks.yaml} are run by {@code pre-commit} itself.
 */
class PreCommitHookTest {

    private static final String BROKEN = "def handler(:\n    return 1\n";
    private static final String FIXED = "def handler():\n    return 1\n";

    @TempDir
    Path tmp;

    private Path repo;
    private Path launcher;
    private final Map<String, String> env = new HashMap<>();

    record Run(int exit, String output) {
    }

    @BeforeEach
    void aRepositoryWithOneCommit() throws Exception {
        launcher = TestJars.engineLauncher(Files.createDirectories(tmp.resolve("engine")));
        repo = Files.createDirectories(tmp.resolve("repo"));
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "t");
        env.put("GIT_AUTHOR_EMAIL", "t@example.org");
        env.put("GIT_COMMITTER_NAME", "t");
        env.put("GIT_COMMITTER_EMAIL", "t@example.org");
        env.put("RECOVERY_GATES_JAR", launcher.toString());
        git("init", "-q", "-b", "main", ".");
        write("app/ok.py", FIXED);
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        List<String> written = Starter.writeHooks(repo, "git", false, env);
        assertThat(written.get(0)).contains("pre-commit");
        String hook = Files.readString(repo.resolve(".git/hooks/pre-commit"));
        assertThat(hook).doesNotContain(launcher.toString()).doesNotContain(tmp.toString());
        assertThat(Files.isExecutable(repo.resolve(".git/hooks/pre-commit"))).isTrue();
    }

    @Test
    void a_broken_staged_file_whose_working_copy_is_fixed_is_refused() throws Exception {
        write("app/handler.py", BROKEN);
        git("add", "app/handler.py");
        write("app/handler.py", FIXED); // fixed in the work tree only: the commit would still record the broken blob
        Run commit = commit();
        assertThat(commit.exit()).as(commit.output()).isNotZero();
        assertThat(commit.output()).contains("app/handler.py", "commit refused");
        assertThat(commits()).isEqualTo(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void a_fixed_staged_file_with_a_broken_working_copy_passes() throws Exception {
        write("app/handler.py", FIXED);
        git("add", "app/handler.py");
        write("app/handler.py", BROKEN); // unstaged breakage is not part of this commit
        Run commit = commit();
        assertThat(commit.exit()).as(commit.output()).isZero();
        assertThat(commits()).isEqualTo(2);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void an_untracked_broken_scratch_file_does_not_block_an_unrelated_commit() throws Exception {
        write("scratch.py", BROKEN);
        write("scratch.json", "{not json");
        write("app/more.py", FIXED);
        git("add", "app/more.py");
        Run commit = commit();
        assertThat(commit.exit()).as(commit.output()).isZero();
        assertThat(commit.output()).doesNotContain("scratch");
    }

    @Test
    void file_names_with_spaces_newlines_and_unicode_are_checked_as_staged() throws Exception {
        String odd = "dir with space/ünïcødé\nname — x.py";
        write(odd, BROKEN);
        git("add", "--", odd);
        Run refused = commit();
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("dir with space/ünïcødé", "name — x.py");
        write(odd, FIXED);
        git("add", "--", odd);
        write(odd, BROKEN);
        Run passed = commit();
        assertThat(passed.exit()).as(passed.output()).isZero();
        assertThat(git("show", "HEAD:" + odd).output()).isEqualTo(FIXED);
    }

    @Test
    void the_check_leaves_the_work_tree_and_the_index_as_they_were() throws Exception {
        write("app/handler.py", BROKEN);
        write("bin/run.sh", "#!/bin/sh\necho hi\n");
        repo.resolve("bin/run.sh").toFile().setExecutable(true);
        Files.createSymbolicLink(repo.resolve("app/link.py"), Path.of("ok.py"));
        git("add", "-A");
        write("app/ok.py", FIXED + "# unstaged\n");
        String index = git("ls-files", "-s", "-z").output();
        String diff = git("diff", "--no-color").output();
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(repo)) {
            for (Path p : (Iterable<Path>) all.filter(p -> !p.startsWith(repo.resolve(".git")))::iterator) {
                files.put(repo.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isRegularFile(p) ? Files.readString(p) + Files.isExecutable(p) : "dir");
            }
        }
        Run refused = commit();
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(git("ls-files", "-s", "-z").output()).isEqualTo(index);
        assertThat(git("diff", "--no-color").output()).isEqualTo(diff);
        Map<String, String> after = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(repo)) {
            for (Path p : (Iterable<Path>) all.filter(p -> !p.startsWith(repo.resolve(".git")))::iterator) {
                after.put(repo.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isRegularFile(p) ? Files.readString(p) + Files.isExecutable(p) : "dir");
            }
        }
        assertThat(after).isEqualTo(files);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void nothing_staged_is_a_pass_that_writes_nothing() throws Exception {
        write("scratch.py", BROKEN);
        Run run = run(List.of("java", "-jar", launcher.toString(), "pre-commit"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("nothing staged to check");
        assertThat(repo.resolve(".git/recovery-gates")).doesNotExist();
    }

    @Test
    void commit_a_checks_the_index_git_builds_for_it() throws Exception {
        write("app/ok.py", BROKEN); // tracked, modified, not staged: `commit -a` stages it into its own index
        Run commit = run(List.of("git", "commit", "-q", "-a", "-m", "all"));
        assertThat(commit.exit()).as(commit.output()).isNotZero();
        assertThat(commit.output()).contains("app/ok.py");
    }

    @Test
    void the_engine_is_found_on_path_and_its_absence_is_a_clear_message() throws Exception {
        write("app/handler.py", FIXED);
        git("add", "app/handler.py");
        env.remove("RECOVERY_GATES_JAR");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path gitBin = Path.of(run(List.of("sh", "-c", "command -v git")).output().strip()).getParent();
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElse("java")).getParent();
        env.put("PATH", bin + File.pathSeparator + gitBin + File.pathSeparator + javaBin + File.pathSeparator + "/usr/bin:/bin");
        Run missing = commit();
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("no engine found", "RECOVERY_GATES_JAR", "recovery-gates launcher on PATH");
        Path onPath = bin.resolve("recovery-gates");
        Files.writeString(onPath, "#!/bin/sh\nexec java -jar '" + launcher + "' \"$@\"\n");
        onPath.toFile().setExecutable(true);
        Run found = commit();
        assertThat(found.exit()).as(found.output()).isZero();
        assertThat(found.output()).contains("checking the staged content of 1 file");
    }

    @Test
    void the_pre_commit_framework_runs_the_local_entry_init_writes() throws Exception {
        assumeTrue(onPath("pre-commit"), "pre-commit is not installed (apt-get install pre-commit)");
        Files.delete(repo.resolve(".git/hooks/pre-commit"));
        write(".pre-commit-config.yaml", "# our hooks\nrepos: []\n");
        assertThatMergeRefusesFlowStyle();
        write(".pre-commit-config.yaml", "# our hooks\nrepos:\n- repo: local\n  hooks:\n  - id: echo\n    name: echo\n"
                + "    entry: 'true'\n    language: system\n# trailing comment\nfail_fast: false\n");
        List<String> written = Starter.writeHooks(repo, "pre-commit", false, env);
        assertThat(written.get(0)).contains("added the recovery-gates hook");
        String config = Files.readString(repo.resolve(".pre-commit-config.yaml"));
        assertThat(config).startsWith("# our hooks\n").contains("# trailing comment", "id: echo", "id: recovery-gates",
                "fail_fast: false");
        assertThat(Starter.writeHooks(repo, "pre-commit", false, env).get(0)).contains("already has");
        git("add", ".pre-commit-config.yaml");
        git("commit", "-q", "--no-verify", "-m", "hooks");
        Run install = run(List.of("pre-commit", "install"));
        assertThat(install.exit()).as(install.output()).isZero();
        write("app/handler.py", BROKEN);
        git("add", "app/handler.py");
        write("app/handler.py", FIXED);
        Run refused = commit();
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("recovery-gates", "app/handler.py");
        git("add", "app/handler.py");
        Run passed = commit();
        assertThat(passed.exit()).as(passed.output()).isZero();
    }

    private void assertThatMergeRefusesFlowStyle() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Starter.writeHooks(repo, "pre-commit", false, env))
                .hasMessageContaining("by hand");
    }

    @Test
    void this_repository_publishes_the_hook_for_repo_and_rev() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        assertThat(Files.readString(project.resolve(".pre-commit-hooks.yaml"))).isEqualTo(Starter.publishedHooks());
        Path script = project.resolve("hooks/recovery-gates-pre-commit");
        assertThat(Files.readString(script)).isEqualTo(Starter.hookScript());
        assertThat(Files.isExecutable(script)).isTrue();
        assumeTrue(onPath("pre-commit"), "pre-commit is not installed (apt-get install pre-commit)");
        // a clone of what this repository ships, as pre-commit would fetch it by `repo:` and `rev:`
        Path publisher = Files.createDirectories(tmp.resolve("publisher"));
        Files.createDirectories(publisher.resolve("hooks"));
        Files.copy(project.resolve(".pre-commit-hooks.yaml"), publisher.resolve(".pre-commit-hooks.yaml"));
        Files.copy(script, publisher.resolve("hooks/recovery-gates-pre-commit"));
        run(publisher, List.of("git", "init", "-q", "-b", "main", "."));
        run(publisher, List.of("git", "add", "-A"));
        run(publisher, List.of("git", "commit", "-q", "-m", "publish"));
        String rev = run(publisher, List.of("git", "rev-parse", "HEAD")).output().strip();
        Files.delete(repo.resolve(".git/hooks/pre-commit"));
        write(".pre-commit-config.yaml", "repos:\n  - repo: " + publisher.toUri() + "\n    rev: " + rev
                + "\n    hooks:\n      - id: recovery-gates\n");
        git("add", ".pre-commit-config.yaml");
        git("commit", "-q", "--no-verify", "-m", "hooks");
        assertThat(run(List.of("pre-commit", "install")).exit()).isZero();
        write("app/handler.py", BROKEN);
        git("add", "app/handler.py");
        write("app/handler.py", FIXED);
        Run refused = commit();
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("app/handler.py");
    }

    private Run commit() throws Exception {
        return run(List.of("git", "commit", "-q", "-m", "change"));
    }

    private long commits() throws Exception {
        return Long.parseLong(git("rev-list", "--count", "HEAD").output().strip());
    }

    private List<Path> leftovers() throws IOException {
        Path dir = repo.resolve(".git/recovery-gates");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("staged-")).toList();
        }
    }

    private void write(String path, String text) throws IOException {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Run git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Run r = run(cmd);
        assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.output()).isZero();
        return r;
    }

    private Run run(List<String> cmd) throws Exception {
        return run(repo, cmd);
    }

    private Run run(Path dir, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("RECOVERY_GATES_JAR"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
