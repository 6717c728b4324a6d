package io.github.recoverygates.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.core.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore what was lost (backups), and the error behind the error (modules that went elsewhere). */
class RestoreAndImportsTest {

    @TempDir
    Path temp;

    static final String ORIGINAL = """
            \"\"\"WebSocket manager mock for the tests.\"\"\"


            class WebSocketManagerMock:
                def __init__(self):
                    self.sent = []

                def send(self, user_id, event):
                    print("=" * 70)
                    self.sent.append((user_id, event))
            """;

    @Nested
    @DisplayName("a compiling copy from before the damage")
    class Backups {

        @Test
        @DisplayName("is reported with the size of the difference, and the file's sound later lines are kept")
        void restoreAndReapply() throws Exception {
            Path root = Files.createDirectories(temp.resolve("repo"));
            String path = "test_framework/fixtures/websocket_manager_mock.py";
            // since the backup, someone added a method (sound) and the regex repair moved a quote (damage)
            String current = ORIGINAL.replace("print(\"=\" * 70)", "print(\"= * 70)\"")
                    + "\n    def clear(self):\n        self.sent.clear()\n";
            RepairRun.write(root, path, current);
            RepairRun.write(root, "backups/test_remediation_20250915_225118/system_snapshot/" + path, ORIGINAL);
            RepairRun.write(root, "backups/test_remediation_20250916_101010/system_snapshot/" + path, "class Broken(:\n");

            Repair.Result result = RepairRun.apply(root, temp.resolve("kept"));

            RepairReport.FileRepair f = RepairRun.file(result, path);
            assertThat(f.status()).isEqualTo(RepairReport.Status.APPLIED);
            assertThat(f.steps()).singleElement().satisfies(s -> assertThat(s.fix()).isEqualTo("restore-and-reapply"));
            assertThat(f.backups()).extracting(b -> b.path() + " " + b.compiles()).containsExactly(
                    "backups/test_remediation_20250915_225118/system_snapshot/" + path + " true",
                    "backups/test_remediation_20250916_101010/system_snapshot/" + path + " false");
            assertThat(f.backups().get(0).linesDiffering()).isEqualTo(5);
            assertThat(f.reason()).contains("a copy from before the damage compiles");
            assertThat(Files.readString(root.resolve(path)))
                    .isEqualTo(ORIGINAL + "\n    def clear(self):\n        self.sent.clear()\n");
        }

        @Test
        @DisplayName("a copy beside the file (name.py.backup_…) counts too; one that does not compile is listed, not used")
        void siblingCopies() throws Exception {
            Path root = Files.createDirectories(temp.resolve("repo"));
            RepairRun.write(root, "pkg/mock.py", "def f():\n    return 1\n        return 2\n");
            RepairRun.write(root, "pkg/mock.py.backup_pre_factory_migration", "def f(:\n");
            Repair.Result result = RepairRun.dryRun(root);
            RepairReport.FileRepair f = RepairRun.file(result, "pkg/mock.py");
            assertThat(f.backups()).extracting(RepairReport.Backup::path, RepairReport.Backup::compiles)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("pkg/mock.py.backup_pre_factory_migration", false));
            assertThat(f.steps()).singleElement().satisfies(s -> assertThat(s.fix()).isEqualTo("dedent"));
        }
    }

    @Nested
    @DisplayName("an import of a module that no longer exists")
    class MissingModules {

        Path repo() throws Exception {
            Path root = Files.createDirectories(temp.resolve("repo"));
            RepairRun.write(root, "netra_backend/__init__.py", "");
            RepairRun.write(root, "netra_backend/app/__init__.py", "");
            RepairRun.write(root, "tests/__init__.py", "");
            return root;
        }

        @Test
        @DisplayName("moved elsewhere: ssot says where, repair changes the import")
        void moved() throws Exception {
            Path root = repo();
            RepairRun.write(root, "netra_backend/app/storage/__init__.py", "");
            RepairRun.write(root, "netra_backend/app/storage/session_store.py", "class SessionStore:\n    pass\n");
            RepairRun.write(root, "tests/test_store.py",
                    "from netra_backend.app.legacy.session_store import SessionStore\n\n\ndef test_store():\n    assert SessionStore()\n");

            List<Finding> ssot = new Engine(null).run(RunRequest.builder("ssot", root, temp.resolve("ssot"))
                    .environment(Map.of()).build()).result().findings().stream()
                    .filter(x -> x.ruleId().equals("ssot/missing-module")).toList();
            assertThat(ssot).singleElement().satisfies(x -> {
                assertThat(x.message()).contains("a module of that name is at netra_backend/app/storage/session_store.py")
                        .contains("import netra_backend.app.storage.session_store");
                assertThat(x.properties()).containsEntry("movedTo", "netra_backend.app.storage.session_store");
            });

            Repair.Result result = RepairRun.apply(root, temp.resolve("kept"));
            assertThat(result.report().imports()).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(RepairReport.Status.APPLIED);
                assertThat(i.change()).isEqualTo("import from netra_backend.app.storage.session_store");
            });
            assertThat(Files.readString(root.resolve("tests/test_store.py")))
                    .startsWith("from netra_backend.app.storage.session_store import SessionStore\n");
            assertThat(result.exitCode()).isZero();
        }

        @Test
        @DisplayName("only a backup copy left: ssot says so, repair restores it")
        void restored() throws Exception {
            Path root = repo();
            RepairRun.write(root, "netra_backend/app/fixtures/__init__.py", "");
            RepairRun.write(root, "netra_backend/app/fixtures/websocket_manager_mock.py.backup_pre_factory_migration", ORIGINAL);
            RepairRun.write(root, "tests/test_mock.py",
                    "from netra_backend.app.fixtures.websocket_manager_mock import WebSocketManagerMock\n");

            Repair.Result dry = RepairRun.dryRun(root);
            assertThat(dry.report().imports()).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(RepairReport.Status.PROPOSED);
                assertThat(i.backup()).isEqualTo("netra_backend/app/fixtures/websocket_manager_mock.py.backup_pre_factory_migration");
            });
            assertThat(UnifiedPatch.of(dry.changes())).contains("new file mode 100644\n--- /dev/null\n"
                    + "+++ b/netra_backend/app/fixtures/websocket_manager_mock.py\n");
            assertThat(root.resolve("netra_backend/app/fixtures/websocket_manager_mock.py")).doesNotExist();

            RepairRun.apply(root, temp.resolve("kept"));
            assertThat(root.resolve("netra_backend/app/fixtures/websocket_manager_mock.py")).hasContent(ORIGINAL);
        }

        @Test
        @DisplayName("several modules of that name: no guess")
        void ambiguous() throws Exception {
            Path root = repo();
            RepairRun.write(root, "netra_backend/app/a/session_store.py", "X = 1\n");
            RepairRun.write(root, "netra_backend/app/b/session_store.py", "X = 2\n");
            RepairRun.write(root, "tests/test_store.py", "from netra_backend.app.legacy.session_store import X\n");
            Repair.Result result = RepairRun.apply(root, temp.resolve("kept"));
            assertThat(result.report().imports()).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(RepairReport.Status.NEEDS_HUMAN);
                assertThat(i.movedTo()).containsExactly("netra_backend.app.a.session_store", "netra_backend.app.b.session_store");
            });
            assertThat(Files.readString(root.resolve("tests/test_store.py"))).contains("legacy.session_store");
            assertThat(result.exitCode()).isEqualTo(1);
        }
    }
}
