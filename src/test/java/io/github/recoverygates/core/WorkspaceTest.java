package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private void write(String rel) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x = 1\n");
    }

    private List<String> paths(Workspace ws) {
        return ws.files().stream().map(SourceFile::path).toList();
    }

    @Test
    void listsFilesSortedWithSlashPathsAndSkipsTheBuiltInExcludes() throws Exception {
        write("svc/app.py");
        write("a.py");
        write(".git/config");
        write("web/node_modules/lib/index.js");
        write("svc/backups/old.py");
        write("svc/app_backup_2024/old.py");
        write("svc/__pycache__/app.cpython-311.pyc");
        write("target/classes/x.py");
        assertThat(paths(new Workspace(root, null, null))).containsExactly("a.py", "svc/app.py");
    }

    @Test
    void aVirtualenvIsRecognisedByItsPyvenvCfgWhateverItsName() throws Exception {
        write("env311/pyvenv.cfg");
        write("env311/lib/python3.11/site-packages/six.py");
        write("app.py");
        assertThat(paths(new Workspace(root, null, null))).containsExactly("app.py");
    }

    @Test
    void configuredExcludesReplaceTheBuiltInOnes() throws Exception {
        write("backups/a.py");
        write("gen/b.py");
        assertThat(paths(new Workspace(root, List.of("**/gen/**"), null))).containsExactly("backups/a.py");
    }

    @Test
    void aSymlinkLoopIsAProblemNotACrash() throws Exception {
        write("pkg/mod.py");
        Files.createSymbolicLink(root.resolve("pkg/loop"), root.resolve("pkg"));
        Workspace ws = new Workspace(root, null, null);
        assertThat(paths(ws)).containsExactly("pkg/mod.py");
        assertThat(ws.problems()).extracting(Finding::category).containsExactly("symlink-loop");
    }

    @Test
    void symlinksOutOfTheRootAreNotFollowed() throws Exception {
        write("inside.py");
        Files.writeString(outside.resolve("secret.py"), "x = 1\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(root.resolve("alias.py"), root.resolve("inside.py"));
        Workspace ws = new Workspace(root, null, null);
        assertThat(paths(ws)).containsExactly("alias.py", "inside.py");
        assertThat(ws.problems()).extracting(Finding::file).containsExactlyInAnyOrder("escape", "escape.py");
    }

    @Test
    void aBrokenSymlinkIsReported() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling.py"), root.resolve("gone.py"));
        Workspace ws = new Workspace(root, null, null);
        assertThat(ws.files()).isEmpty();
        assertThat(ws.problems()).extracting(Finding::category).containsExactly("broken-symlink");
    }

    @Test
    void theReportDirectoryInsideTheRootIsNeverListed() throws Exception {
        write("a.py");
        write("reports/syntax.json");
        assertThat(paths(new Workspace(root, null, root.resolve("reports")))).containsExactly("a.py");
    }

    @Test
    void aRootThatIsNotADirectoryIsAConfigError() {
        assertThatThrownBy(() -> new Workspace(root.resolve("missing"), null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void aLinkToADirectoryInsideTheRootIsListedUnderTheLinksPathToo() throws Exception {
        write("real/a.py");
        write("real/deeper/b.py");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        Workspace ws = new Workspace(root, null, null);
        assertThat(paths(ws)).containsExactly("alias/a.py", "alias/deeper/b.py", "real/a.py", "real/deeper/b.py");
        assertThat(ws.problems()).isEmpty();
    }

    @Test
    void aLinkToItselfIsALoopAndALinkToAnAncestorStopsThereWhileItsSiblingsAreListed() throws Exception {
        for (int i = 0; i < 40; i++) {
            write("pkg/d" + i + "/m.py");
        }
        Files.createSymbolicLink(root.resolve("pkg/d7/up"), root.resolve("pkg"));
        Files.createSymbolicLink(root.resolve("self.py"), root.resolve("self.py"));
        Workspace ws = new Workspace(root, null, null);
        assertThat(paths(ws)).hasSize(40).isSorted();
        assertThat(ws.problems()).extracting(Finding::file).containsExactly("pkg/d7/up", "self.py");
        assertThat(ws.problems()).extracting(Finding::category).containsOnly("symlink-loop");
    }

    @Test
    void aWalkStartedAheadGivesTheSameListingAsOneAskedForDirectly() throws Exception {
        for (int i = 0; i < 200; i++) {
            write("s" + (i % 7) + "/t" + (i % 13) + "/f" + i + ".py");
        }
        Workspace ahead = new Workspace(root, null, null).prefetch();
        assertThat(paths(ahead)).isEqualTo(paths(new Workspace(root, null, null))).hasSize(200).isSorted();
    }
}
