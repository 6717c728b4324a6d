package io.github.recoverygates.ssot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Json;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PythonScannerTest {

    static ScanSpec spec(String yaml) {
        try {
            return ScanSpec.of(Json.CONFIG.readValue(yaml.isBlank() ? "{}" : yaml, SsotConfig.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ScanSpec DEFAULT = spec("""
            envAliases: {JWT_SECRET_KEY: [JWT_SECRET]}
            deprecated: [{symbol: WebSocketNotifier, use: AgentWebSocketBridge}]
            fakeSuccess: {disabledMarkers: [require_docker_services, requires_real_services]}
            """);

    private static FileFacts scan(String src) {
        return PythonScanner.scan(src, DEFAULT, false, false);
    }

    private static List<String> modules(FileFacts f) {
        return f.imports().stream().map(i -> ".".repeat(i.level()) + i.module()
                + (i.names().isEmpty() ? "" : ":" + String.join(",", i.names()))).toList();
    }

    @Test
    void numbersAreValidInEveryFormCPythonReadsAndANumberRunIntoANameIsNot() {
        for (String ok : List.of("0", "7", "1234567890", "1_000", "0x1F", "0o17", "0b101", "1e10", "1E-5", "1.5",
                "1.", ".5", "2j", "1.5e3J")) {
            assertThat(PythonLines.validNumber(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("500K", "1abc", "0x", "0b2", "0o9", "1e", "1.5e+")) {
            assertThat(PythonLines.validNumber(bad)).as(bad).isFalse();
        }
    }

    @Test
    @DisplayName("plain, aliased, dotted and comma-separated imports are each one import")
    void plainImports() {
        FileFacts f = scan("import os\nimport a.b as c, d.e\nimport x.y.z\n");
        assertThat(modules(f)).containsExactly("os", "a.b", "d.e", "x.y.z");
        assertThat(f.imports().get(1).line()).isEqualTo(2);
        assertThat(f.imports().get(2).column()).isEqualTo(18);
    }

    @Test
    @DisplayName("from-imports: parenthesised over lines, aliases, star, relative levels")
    void fromImports() {
        FileFacts f = scan("""
                from pkg.mod import (
                    One,   # a comment with import fake
                    Two as Deux,
                )
                from . import sibling
                from ..parent.mod import thing
                from ... import top
                from m import *
                """);
        assertThat(modules(f)).containsExactly("pkg.mod:One,Two", ".:sibling", "..parent.mod:thing", "...:top", "m:*");
        assertThat(f.imports().get(2).level()).isEqualTo(2);
    }

    @Test
    @DisplayName("imports inside strings, docstrings and comments are not imports")
    void stringsAndComments() {
        FileFacts f = scan("""
                '''
                import not_real
                from fake import thing
                '''
                s = "import also_not_real"
                t = f'from x import {y}'
                # import commented_out
                r = rb'\\'import q'
                import real
                """);
        assertThat(modules(f)).containsExactly("real");
        assertThat(f.parsed()).isTrue();
    }

    @Test
    @DisplayName("backslash continuations and semicolons are followed")
    void continuations() {
        FileFacts f = scan("import a, \\\n    b\nx = 1; import c; from d import \\\n  e\n");
        assertThat(modules(f)).containsExactly("a", "b", "c", "d:e");
    }

    @Test
    @DisplayName("imports in functions, TYPE_CHECKING blocks and one-line bodies are found")
    void nestedImports() {
        FileFacts f = scan("""
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from app.models import User
                def load():
                    import json
                    if True: import inline_mod
                """);
        assertThat(modules(f)).containsExactly("typing:TYPE_CHECKING", "app.models:User", "json", "inline_mod");
    }

    @Test
    @DisplayName("an import in try/except ImportError is guarded; one in the except body or another try is not")
    void guardedImports() {
        FileFacts f = scan("""
                try:
                    import fast_json
                    from .opt import speedup
                except (ImportError, AttributeError):
                    import slow_json
                try:
                    import other
                except ValueError:
                    pass
                def f():
                    try:
                        from deep import x
                    except ModuleNotFoundError:
                        x = None
                try: import one; import two
                except ImportError: pass
                """);
        assertThat(f.imports()).extracting(FileFacts.Import::module, FileFacts.Import::guarded).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fast_json", true),
                org.assertj.core.groups.Tuple.tuple("opt", true),
                org.assertj.core.groups.Tuple.tuple("slow_json", false),
                org.assertj.core.groups.Tuple.tuple("other", false),
                org.assertj.core.groups.Tuple.tuple("deep", true),
                org.assertj.core.groups.Tuple.tuple("one", true),
                org.assertj.core.groups.Tuple.tuple("two", true));
    }

    @Test
    @DisplayName("class and function definitions at any depth, conditional ones included, with top-level flag")
    void definitions() {
        FileFacts f = scan("""
                class SessionManager:
                    class Inner:
                        pass
                    def method(self):
                        pass
                if flag:
                    class SessionManager(Base): pass
                async def fetch():
                    def helper(): ...
                x = "class NotAClass:"
                """);
        assertThat(f.definitions()).extracting(d -> d.kind() + " " + d.name() + "@" + d.line() + (d.topLevel() ? " top" : ""))
                .containsExactly("class SessionManager@1 top", "class Inner@2", "function method@4",
                        "class SessionManager@7 top", "function fetch@8 top", "function helper@9");
    }

    @Test
    @DisplayName("watched words: aliases in code and strings, whole words only; deprecated symbols in code only")
    void words() {
        FileFacts f = scan("""
                a = os.environ["JWT_SECRET"]
                b = os.getenv("JWT_SECRET_KEY")
                # JWT_SECRET in a comment is prose
                from x import WebSocketNotifier
                s = "WebSocketNotifier in a string"
                """);
        assertThat(f.words()).extracting(w -> w.word() + "@" + w.line() + (w.inString() ? " str" : ""))
                .containsExactly("JWT_SECRET@1 str", "WebSocketNotifier@4");
    }

    @Test
    @DisplayName("a check that only returns True is fake; one with logic before its return is not")
    void returnTrue() {
        FileFacts f = scan("""
                def validate_token(token):
                    \"\"\"Validate the token.\"\"\"
                    # TODO real check
                    return True
                def check_database(): return True
                def verify_signature(sig):
                    if not sig:
                        return False
                    return True
                def is_healthy(self):
                    pass
                    return {"status": "healthy"}
                def validate_other():
                    return compute()
                def unrelated():
                    return True
                class Checker:
                    def health_check_redis(self) -> bool:
                        return True, "ok"
                """);
        assertThat(f.fakes()).extracting(x -> x.kind() + " " + x.name())
                .containsExactly("return-true validate_token", "return-true check_database",
                        "return-true is_healthy", "return-true health_check_redis");
    }

    @Test
    @DisplayName("commented-out real-service markers are found, live ones and prose are not")
    void disabledMarkers() {
        FileFacts f = scan("""
                # @require_docker_services()
                @require_docker_services()
                def test_a(): assert call()
                #@pytest.mark.requires_real_services
                # we used to need require_docker_services here
                # pytestmark = pytest.mark.requires_real_services
                """);
        assertThat(f.fakes()).extracting(x -> x.kind() + "@" + x.line())
                .containsExactly("disabled-marker@1", "disabled-marker@4", "disabled-marker@6");
    }

    @Test
    @DisplayName("in a critical scope, tests that cannot fail are found; skips for missing services in tests too")
    void trivialTestsAndSkips() {
        String src = """
                import pytest
                def test_passes_trivially():
                    \"\"\"Checks the golden path.\"\"\"
                    pass
                def test_assert_true():
                    assert True, "always"
                def test_real():
                    assert login() == 200
                def test_skips():
                    if not docker_up():
                        pytest.skip("Docker services not available")
                    assert run()
                @pytest.mark.skip(reason="flaky on CI")
                def test_flaky(): assert run()
                """;
        FileFacts critical = PythonScanner.scan(src, DEFAULT, true, true);
        assertThat(critical.fakes()).extracting(x -> x.kind() + " " + x.name())
                .containsExactly("trivial-test test_passes_trivially", "trivial-test test_assert_true",
                        "service-skip skip");
        FileFacts elsewhere = PythonScanner.scan(src, DEFAULT, false, true);
        assertThat(elsewhere.fakes()).extracting(FileFacts.Fake::kind).containsExactly("service-skip");
    }

    @Test
    @DisplayName("an unterminated string or bracket marks the file as not parsed, without throwing")
    void parseErrors() {
        assertThat(scan("x = 'abc\nimport y\n").parseError()).contains("unterminated string");
        assertThat(scan("x = (1,\nimport y\n").parseError()).contains("unclosed bracket");
        assertThat(scan("s = '''never closed\n").parseError()).contains("triple-quoted");
        assertThat(scan("def f()\n    pass\n").parseError()).contains("expected ':'");
        assertThat(scan("").parsed()).isTrue();
    }

    @Test
    @DisplayName("the syntax errors CPython's tokenizer reports are noticed: brackets, numbers, indentation, f-strings")
    void tokenizerErrors() {
        assertThat(scan("x = foo(1, 2]\n").parseError()).contains("does not match");
        assertThat(scan("x = 1)\n").parseError()).contains("unmatched ')'");
        assertThat(scan("revenue = 500K + 1\n").parseError()).contains("invalid decimal literal");
        assertThat(scan("x = 1\n    y = 2\n").parseError()).contains("line 2: unexpected indent");
        assertThat(scan("if x:\ny = 2\n").parseError()).contains("line 2: expected an indented block");
        assertThat(scan("def f():\n").parseError()).contains("expected an indented block");
        assertThat(scan("if x:\n        a = 1\n    b = 2\n").parseError()).contains("unindent does not match");
        assertThat(scan("s = f'{}'\n").parseError()).contains("f-string: empty expression");
    }

    @Test
    @DisplayName("valid code with dedents, continuations, escaped braces and odd numbers parses cleanly")
    void validCodeParses() {
        FileFacts f = scan("""
                class A:
                    def f(self,
                            x):
                        if x:
                            return [1,
                        2]
                        return {"a": (x)}
                # a comment at column 0 inside nothing
                def g(): return 0x1F + 0o7 + 0b1 + 1_000 + 1.5e-3 + 2j + .5 + 1.
                s = f"{{literal}} {value!r:>10}"
                if a: b = 1
                else:
                    pass
                match command.split():
                    case [action, obj]:
                        import inside_case
                    case Point(x=0) if flag: pass
                    case _:
                        pass
                match = 3
                match(x)
                case = {1: 2}
                match ...:
                    case _:
                        pass
                x = 1.5e100.__format__('e') + 1_000.5j
                for func in lambda c: c.copy(), copy.copy:
                    pass
                """);
        assertThat(f.imports()).extracting(FileFacts.Import::module).containsExactly("inside_case");
        assertThat(f.parseError()).isNull();
    }

    @Test
    @DisplayName("camelCase names are matched against snake_case check globs")
    void checkNames() {
        assertThat(DEFAULT.isCheckName("validateToken")).isTrue();
        assertThat(DEFAULT.isCheckName("isHealthy")).isTrue();
        assertThat(DEFAULT.isCheckName("healthCheckAll")).isTrue();
        assertThat(DEFAULT.isCheckName("validator")).isFalse();
        assertThat(DEFAULT.isCheckName("checkout")).isFalse();
    }
}
