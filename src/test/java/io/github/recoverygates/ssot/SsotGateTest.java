package io.github.recoverygates.ssot;

import static io.github.recoverygates.ssot.FixtureRepo.rule;
import static io.github.recoverygates.ssot.FixtureRepo.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsotGateTest {

    @TempDir
    Path temp;

    @Nested
    @DisplayName("ssot/duplicate")
    class Duplicates {

        @Test
        @DisplayName("every definition of a canonical class outside its path is reported, nested, conditional and suffix ones too")
        void canonicalDuplicates() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .pkg("auth_service/auth_core/core").pkg("netra_backend/app").pkg("tests")
                    .file("auth_service/auth_core/core/session_manager.py", "import os\n\nclass SessionManager:\n    pass\n")
                    .file("netra_backend/app/sessions.py", """
                            class RedisSessionManager:
                                pass
                            if USE_LOCAL:
                                class SessionManager:
                                    pass
                            def factory():
                                class SessionManager(object):
                                    pass
                                return SessionManager
                            class SessionManagerFactory:
                                pass
                            """)
                    .file("tests/test_sessions.py", "class SessionManager:\n    pass\n")
                    .config("""
                            unlistedDuplicates: false
                            canonical:
                              - name: SessionManager
                                path: auth_service/auth_core/core/session_manager.py
                                kind: class
                                match: suffix
                                severity: critical
                            """);
            RunResult r = repo.run();
            List<Finding> dups = rule(r, "duplicate");
            assertThat(where(dups)).containsExactly("netra_backend/app/sessions.py:1", "netra_backend/app/sessions.py:4",
                    "netra_backend/app/sessions.py:7", "tests/test_sessions.py:1");
            assertThat(dups.get(0).message()).contains("RedisSessionManager")
                    .contains("auth_service/auth_core/core/session_manager.py:3");
            assertThat(dups).allSatisfy(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.properties()).containsEntry("ssotSeverity", "critical")
                        .containsEntry("canonical", "auth_service/auth_core/core/session_manager.py:3");
            });
            assertThat(r.result().metrics()).containsEntry("violations.critical", 4);
            assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        }

        @Test
        @DisplayName("a canonical path that does not exist, or does not define the name, is a finding")
        void canonicalPathProblems() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .file("app/manager.py", "class Other:\n    pass\n")
                    .config("""
                            canonical:
                              - {name: Manager, path: app/manager.py}
                              - {name: build_app, path: app/factory.py, kind: function}
                            """);
            List<Finding> dups = rule(repo.run(), "duplicate");
            assertThat(dups).extracting(Finding::file, Finding::category).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(null, "canonical-missing"),
                    org.assertj.core.groups.Tuple.tuple("app/manager.py", "canonical-missing"));
            assertThat(dups.get(0).message()).contains("app/factory.py").contains("does not exist");
            assertThat(dups.get(1).message()).contains("does not define class Manager");
        }

        @Test
        @DisplayName("without config, a top-level class defined in two non-test files is a warning naming the other place")
        void unlistedDuplicates() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .file("a/ws.py", "class WebSocketManager:\n    pass\n")
                    .file("b/ws_manager.py", "\n\nclass WebSocketManager:\n    pass\n")
                    .file("tests/test_ws.py", "class WebSocketManager:\n    pass\n")
                    .file("c/models.py", "class A:\n    class Config:\n        pass\n")
                    .file("d/models.py", "class B:\n    class Config:\n        pass\n")
                    .file("e/Thing.java", "package e; public class WebSocketManager {}\n")
                    .file("f/thing.pyi", "class WebSocketManager: ...\n");
            RunResult r = repo.run();
            List<Finding> dups = rule(r, "duplicate");
            assertThat(where(dups)).containsExactly("a/ws.py:1", "b/ws_manager.py:3", "e/Thing.java:1");
            assertThat(dups).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
            assertThat(dups.get(0).message()).contains("b/ws_manager.py:3").contains("e/Thing.java:1");
            assertThat(r.result().verdict()).isEqualTo(Verdict.WARN);
        }
    }

    @Nested
    @DisplayName("ssot/boundary")
    class Boundaries {

        private FixtureRepo repo() {
            return new FixtureRepo(temp)
                    .pkg("auth_service/auth_core").pkg("netra_backend/app/auth_integration").pkg("netra_backend/app/routes")
                    .file("auth_service/auth_core/tokens.py", "from . import helpers\n")
                    .file("auth_service/auth_core/helpers.py", "")
                    .file("netra_backend/app/auth_integration/auth.py", "from auth_service.auth_core.tokens import decode\n")
                    .file("netra_backend/app/routes/login.py", """
                            import os
                            from netra_backend.app.auth_integration import auth
                            def handler():
                                from auth_service.auth_core import (
                                    tokens,
                                )
                                return tokens
                            text = "from auth_service import secret_thing"
                            """)
                    .file("netra_backend/app/routes/admin.py", "from ...app.auth_integration.auth import x\nfrom .. import auth_integration\nimport auth_service.auth_core.helpers as h\n")
                    .file("frontend/tsconfig.json", """
                            {
                              // comments are allowed in tsconfig
                              "compilerOptions": {"baseUrl": ".", "paths": {"@auth/*": ["../auth_service/web/*"]},},
                            }
                            """)
                    .file("auth_service/web/session.ts", "export const s = 1;\n")
                    .file("frontend/src/app.ts", "import { s } from '@auth/session';\nimport x from 'lodash';\nconst y = require('../../auth_service/web/session');\n")
                    .file("src/main/java/io/ex/core/Engine.java", "package io.ex.core;\nimport io.ex.cli.Main;\nimport java.util.List;\nclass Engine {}\n")
                    .config("""
                            unlistedDuplicates: false
                            boundaries:
                              - name: backend-uses-auth-integration-layer
                                from: ["netra_backend/**", "frontend/**"]
                                forbid: ["auth_service"]
                                allow: ["netra_backend/app/auth_integration/**"]
                                severity: high
                              - name: core-is-independent
                                from: ["src/main/java/io/ex/core/**"]
                                forbid: [io.ex.cli]
                            """);
        }

        @Test
        @DisplayName("forbidden imports are found in Python (absolute, in functions, multi-line), TS path aliases, require() and Java")
        void forbiddenImports() {
            RunResult r = repo().run();
            List<Finding> found = rule(r, "boundary");
            assertThat(where(found)).containsExactly("frontend/src/app.ts:1", "frontend/src/app.ts:3",
                    "netra_backend/app/routes/admin.py:3", "netra_backend/app/routes/login.py:4",
                    "src/main/java/io/ex/core/Engine.java:2");
            Finding login = found.get(3);
            assertThat(login.message()).contains("auth_service.auth_core.tokens")
                    .contains("'backend-uses-auth-integration-layer'")
                    .contains("allowed route: netra_backend/app/auth_integration/**");
            assertThat(found.get(0).message()).contains("auth_service.web.session");
            assertThat(login.category()).isEqualTo("backend-uses-auth-integration-layer");
        }

        @Test
        @DisplayName("a boundary whose allow contains its own from, or permits all it forbids, is a config error with its line")
        void contradictoryBoundary() {
            FixtureRepo repo = new FixtureRepo(temp).file("x.py", "").config("""
                    boundaries:
                      - name: nonsense
                        from: ["a/**"]
                        forbid: ["auth_service.core"]
                        allow: ["auth_service"]
                    """);
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code = io.github.recoverygates.cli.Main.execute(new String[]{"ssot", "--root", repo.root.toString(),
                    "--out", repo.out.toString()}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                    new java.io.PrintStream(err));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains(".recovery-gates.yml:6:").contains("contradictory boundary");
        }
    }

    @Nested
    @DisplayName("ssot/env-alias")
    class EnvAliases {

        @Test
        @DisplayName("aliases are found in code and config files, whole-word, and never in prose or comments")
        void aliases() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .file("app/settings.py", "import os\nA = os.environ['JWT_SECRET']\nB = os.getenv('JWT_SECRET_KEY')\n# JWT_SECRET was renamed\n")
                    .file("web/config.ts", "export const k = process.env.JWT_SECRET;\nconst ok = process.env.JWT_SECRET_KEY;\n")
                    .file("svc/Config.java", "class Config { String s = System.getenv(\"JWT_SECRET\"); }\n")
                    .file("deploy/values.yaml", "env:\n  - name: JWT_SECRET\n    value: x\n  # - name: JWT_SECRET\n")
                    .file(".env.staging", "JWT_SECRET=abc\nJWT_SECRET_KEY=abc\n")
                    .file("Dockerfile", "FROM python:3.11\nENV JWT_SECRET=${JWT_SECRET}\n")
                    .file("setup.cfg", "[auth]\nsecret_var = JWT_SECRET\n")
                    .file("scripts/run.sh", "export JWT_SECRET\nexport MY_JWT_SECRET_OLD=1\n")
                    .file("docs/auth.md", "Set JWT_SECRET before starting.\n")
                    .config("""
                            envAliases:
                              JWT_SECRET_KEY: [JWT_SECRET]
                            """);
            List<Finding> found = rule(repo.run(), "env-alias");
            assertThat(where(found)).containsExactly(".env.staging:1", "Dockerfile:2", "app/settings.py:2",
                    "deploy/values.yaml:2", "scripts/run.sh:1", "setup.cfg:2", "svc/Config.java:1", "web/config.ts:1");
            assertThat(found.get(0).message()).contains("JWT_SECRET is an alias of JWT_SECRET_KEY");
        }
    }

    @Nested
    @DisplayName("ssot/deprecated")
    class Deprecations {

        @Test
        @DisplayName("imports of deprecated modules and uses of deprecated symbols are found, with the replacement")
        void deprecated() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .pkg("netra_backend/app/websocket_core")
                    .file("netra_backend/app/websocket_core/manager.py", "class WebSocketNotifier:\n    pass\n")
                    .file("netra_backend/app/websocket_core/unified_manager.py", "class UnifiedWebSocketManager:\n    pass\n")
                    .file("netra_backend/app/websocket_core/manager_v2.py", "")
                    .file("netra_backend/app/agent.py", """
                            from netra_backend.app.websocket_core.manager import WebSocketNotifier
                            from netra_backend.app.websocket_core import manager
                            from netra_backend.app.websocket_core import manager_v2
                            import netra_backend.app.websocket_core.unified_manager
                            notifier = WebSocketNotifier()
                            doc = "WebSocketNotifier is gone"
                            """)
                    .config("""
                            unlistedDuplicates: false
                            deprecated:
                              - symbol: WebSocketNotifier
                                use: AgentWebSocketBridge
                              - module: netra_backend.app.websocket_core.manager
                                use: netra_backend.app.websocket_core.unified_manager
                                severity: high
                            """);
            List<Finding> found = rule(repo.run(), "deprecated");
            assertThat(found).extracting(f -> f.file() + ":" + f.line() + " " + f.category()).containsExactly(
                    "netra_backend/app/agent.py:1 module", "netra_backend/app/agent.py:1 symbol",
                    "netra_backend/app/agent.py:2 module", "netra_backend/app/agent.py:5 symbol");
            assertThat(found.get(1).message()).isEqualTo("use of deprecated WebSocketNotifier; use AgentWebSocketBridge instead");
            assertThat(found.get(0).severity()).isEqualTo(Severity.ERROR);
            assertThat(found.get(1).severity()).isEqualTo(Severity.WARNING);
        }
    }

    @Nested
    @DisplayName("ssot/missing-module")
    class MissingModules {

        @Test
        @DisplayName("own-package and relative imports that resolve to nothing are errors; guarded ones notes; others fine")
        void missing() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .pkg("netra_backend/app").pkg("tests")
                    .file("netra_backend/app/real.py", "")
                    .file("shared/utils.py", "")
                    .file("tests/test_x.py", """
                            import os
                            import requests
                            from netra_backend.app.real import thing
                            from netra_backend.app.gone import thing
                            import netra_backend.app.also_gone
                            from netra_backend.app import real, vanished
                            from shared import utils
                            from shared import nothing_here
                            from . import helpers
                            from .conftest import fixture
                            from .... import too_far
                            try:
                                from netra_backend.app.optional import extra
                            except ImportError:
                                extra = None
                            s = "from netra_backend.app.in_string import x"
                            from netra_backend import exported_name
                            """)
                    .file("netra_backend/__init__.py", "from .app.real import thing as exported_name\n")
                    .file("tests/conftest.py", "")
                    .file("tests/broken.py", "from netra_backend.app.gone import x\ny = (\n")
                    .file("web/a.ts", "import b from './b';\nimport c from './c';\nimport d from './lib';\nimport e from './b.js';\n")
                    .file("web/b.ts", "")
                    .file("web/lib/index.ts", "");
            RunResult r = repo.run();
            List<Finding> found = rule(r, "missing-module");
            assertThat(found).extracting(f -> f.file() + ":" + f.line() + " " + f.severity().id()).containsExactly(
                    "tests/test_x.py:4 error", "tests/test_x.py:5 error", "tests/test_x.py:6 error",
                    "tests/test_x.py:8 error",
                    "tests/test_x.py:9 error", "tests/test_x.py:11 error", "tests/test_x.py:13 note",
                    "web/a.ts:2 error");
            assertThat(found.get(0).message()).contains("netra_backend.app.gone").contains("ModuleNotFoundError");
            assertThat(found.get(2).message()).contains("vanished").contains("__init__.py is empty");
            assertThat(found.get(3).message()).contains("shared/ has no __init__.py");
            assertThat(r.result().metrics()).containsEntry("files.unparsed", 1);
        }
    }

    @Nested
    @DisplayName("ssot/fake-success")
    class FakeSuccess {

        @Test
        @DisplayName("constant-success checks, commented-out markers, trivial critical tests and service skips are found")
        void fakes() {
            FixtureRepo repo = new FixtureRepo(temp)
                    .file("netra_backend/app/validators.py", """
                            def validate_token(token):
                                # TODO: restore real validation
                                return True
                            def validate_user(user):
                                if user is None:
                                    return False
                                return True
                            """)
                    .file("tests/mission_critical/test_golden_path.py", """
                            import pytest
                            # @require_docker_services()
                            def test_login_flow():
                                pass
                            def test_real():
                                assert login().status == 200
                            def test_websocket():
                                if not docker_available():
                                    pytest.skip("Docker not available")
                                assert connect()
                            class StubService:
                                def is_healthy(self):
                                    return True
                            """)
                    .file("web/health.ts", "export function isHealthy(): boolean { return true; }\n")
                    .config("""
                            fakeSuccess:
                              disabledMarkers: [require_docker_services]
                              severity: critical
                            criticalThreshold: 0
                            """);
            RunResult r = repo.run();
            List<Finding> found = rule(r, "fake-success");
            assertThat(found).extracting(f -> f.file() + ":" + f.line() + " " + f.category()).containsExactly(
                    "netra_backend/app/validators.py:1 return-true",
                    "tests/mission_critical/test_golden_path.py:2 disabled-marker",
                    "tests/mission_critical/test_golden_path.py:3 trivial-test",
                    "tests/mission_critical/test_golden_path.py:9 service-skip",
                    "web/health.ts:1 return-true");
            Threshold critical = r.result().thresholds().stream().filter(t -> t.name().equals("critical")).findFirst().orElseThrow();
            assertThat(critical.actual()).isEqualTo(5.0);
            assertThat(critical.passed()).isFalse();
            assertThat(r.exitCode()).isEqualTo(1);
        }
    }
}
