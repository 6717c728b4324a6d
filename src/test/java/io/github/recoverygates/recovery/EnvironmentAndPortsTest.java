package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recovery: environment rules and static port checks")
class EnvironmentAndPortsTest {

    static final String SHORT_SECRET = "tooShortSecretValue1";   // 20 characters
    static final String LONG_SECRET = "a-properly-long-jwt-secret-value-0123456789";

    @TempDir
    Path tmp;

    @Test
    void requiredVariablesMustBeSetAndNonEmptyAndEnvFilesCount() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve(".env"), "DATABASE_URL=postgres://app@127.0.0.1:5432/app\nPORT=\n");
        GateRun r = GateRun.of(tmp, """
                recovery:
                  envFiles: [.env, .env.missing-is-fine]
                  env:
                    required: [DATABASE_URL, REDIS_URL, PORT, HOME_DIR]
                """, Map.of("HOME_DIR", "/srv"));
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.messages("recovery/env-missing")).containsExactlyInAnyOrder(
                "required variable REDIS_URL is not set", "required variable PORT is empty");
        assertThat(r.metric("env.problems")).isEqualTo(2L);
    }

    @Test
    void checkUrlsReadVariablesFromEnvFiles() throws Exception {
        int dead = Ports.dead();
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve(".env.staging"), "export REDIS_URL='redis://:from-env-file-pw@127.0.0.1:" + dead + "/0'\n");
        GateRun r = GateRun.of(tmp, """
                recovery:
                  envFiles: .env.staging   # a single file, not a list
                  wait: {timeout: 300ms}
                  checks:
                    - {name: redis, type: redis, url: "${REDIS_URL}"}
                """, Map.of());
        assertThat(r.findings("recovery/env-missing")).isEmpty();
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("connection refused on 127.0.0.1:" + dead);
        assertThat(r.json).doesNotContain("from-env-file-pw");
    }

    @Test
    void aSecretTooShortIsAnErrorThatNeverPrintsTheValue() throws Exception {
        GateRun r = GateRun.of(tmp, """
                recovery:
                  env:
                    required: [JWT_SECRET_KEY]
                    secrets: {JWT_SECRET_KEY: {minLength: 32}}
                """, Map.of("JWT_SECRET_KEY", SHORT_SECRET));
        assertThat(r.messages("recovery/env-secret-short")).containsExactly(
                "secret JWT_SECRET_KEY is 20 characters long; it needs at least 32");
        assertThat(r.json).doesNotContain(SHORT_SECRET);
        assertThat(r.run.masker().secrets()).contains(SHORT_SECRET);
    }

    @Test
    void anAliasSetToTheSameValueWarnsAndToADifferentValueFails() throws Exception {
        String yaml = """
                recovery:
                  env:
                    required: [JWT_SECRET_KEY]
                    aliases: {JWT_SECRET_KEY: [JWT_SECRET]}
                """;
        GateRun same = GateRun.of(tmp.resolve("same"), yaml, Map.of("JWT_SECRET_KEY", LONG_SECRET, "JWT_SECRET", LONG_SECRET));
        assertThat(same.result().verdict()).isEqualTo(Verdict.WARN);
        assertThat(same.findings("recovery/env-alias")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                .extracting(Finding::message).asString().contains("JWT_SECRET duplicates JWT_SECRET_KEY");

        GateRun different = GateRun.of(tmp.resolve("different"), yaml,
                Map.of("JWT_SECRET_KEY", LONG_SECRET, "JWT_SECRET", LONG_SECRET + "-old"));
        assertThat(different.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(different.messages("recovery/env-alias-conflict")).singleElement().asString()
                .contains("JWT_SECRET and JWT_SECRET_KEY are both set, to different values");
        assertThat(different.json).doesNotContain(LONG_SECRET);

        GateRun onlyAlias = GateRun.of(tmp.resolve("only-alias"), yaml, Map.of("JWT_SECRET", LONG_SECRET));
        assertThat(onlyAlias.messages("recovery/env-missing")).containsExactly(
                "required variable JWT_SECRET_KEY is not set (JWT_SECRET is set: rename it to JWT_SECRET_KEY)");
    }

    @Test
    void aCheckWhoseUrlVariableIsMissingIsSkippedAndItsDependentsNameTheVariable() throws Exception {
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 1s}
                  checks:
                    - {name: postgres, type: postgres, url: "${DATABASE_URL}"}
                    - {name: auth, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [postgres]}
                """, Map.of());
        assertThat(r.messages("recovery/env-missing")).containsExactly(
                "variable DATABASE_URL is not set, and check 'postgres' needs it");
        assertThat(r.messages("recovery/check-skipped")).contains(
                "postgres skipped: DATABASE_URL is not set",
                "auth skipped: dependency postgres was skipped, because DATABASE_URL is not set");
        assertThat(r.result().summary()).contains("first cause: postgres skipped: DATABASE_URL is not set");
    }

    @Test
    void passwordsInCheckUrlsAreNeverPrinted() throws Exception {
        int dead = Ports.dead();
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 500ms}
                  checks:
                    - {name: redis, type: redis, url: "${REDIS_URL}"}
                    - {name: postgres, type: postgres, url: "postgres://app:hunter2-db-pass@127.0.0.1:%d/app"}
                """.formatted(dead), Map.of("REDIS_URL", "redis://:cache-pass-991@127.0.0.1:" + dead));
        assertThat(r.result().findings()).hasSize(2);
        assertThat(r.json).doesNotContain("hunter2-db-pass").doesNotContain("cache-pass-991")
                .contains("connection refused on 127.0.0.1:" + dead);
    }

    @Test
    void portSettingsThatDisagreeWithThePlatformAreReportedAtTheirLine() throws Exception {
        Path repo = tmp.resolve("repo");
        copyTree(Path.of("src/test/resources/recovery/ports"), repo);
        GateRun r = GateRun.of(tmp, """
                recovery:
                  ports:
                    - name: auth
                      expect: 8080
                      sources: [auth_service/gunicorn_config.py, auth_service/main.py, auth_service/Dockerfile, deploy/auth.yaml, deploy/missing.yaml]
                """, Map.of());
        List<String> where = r.findings("recovery/port-mismatch").stream()
                .map(f -> f.file() + ":" + f.line() + " " + f.message()).toList();
        assertThat(where).containsExactlyInAnyOrder(
                "auth_service/gunicorn_config.py:5 auth is configured for port 8081 here (default of PORT), but the platform routes to 8080",
                "auth_service/Dockerfile:5 auth is configured for port 8081 here (EXPOSE), but the platform routes to 8080",
                "deploy/auth.yaml:12 auth is configured for port 8081 here (containerPort), but the platform routes to 8080");
        assertThat(r.findings("recovery/port-source-missing")).singleElement()
                .extracting(Finding::file).isEqualTo("deploy/missing.yaml");
        assertThat(r.metric("ports.mismatch")).isEqualTo(3L);
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void portScannerReadsEachSourceKind() {
        assertThat(PortScanner.scan("svc/config.py", "PORT = int(os.getenv('PORT', 9000))\n"))
                .extracting(PortScanner.PortSetting::port).containsExactly(9000);
        assertThat(PortScanner.scan("Dockerfile.auth", "EXPOSE 8080/tcp 9090\nENV PORT 7000\n"))
                .extracting(PortScanner.PortSetting::port).containsExactly(8080, 9090, 7000);
        assertThat(PortScanner.scan("app.yml", "env:\n  PORT: 8080\n"))
                .extracting(PortScanner.PortSetting::port).containsExactly(8080);
        assertThat(PortScanner.scan(".env.staging", "export PORT=8443\n"))
                .extracting(PortScanner.PortSetting::port).containsExactly(8443);
        assertThat(PortScanner.scan("Procfile", "web: uvicorn app:app --port 5000\n"))
                .extracting(PortScanner.PortSetting::port).containsExactly(5000);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
    }
}
