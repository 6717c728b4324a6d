package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recovery: postgres checks run SELECT 1 over JDBC against a real PostgreSQL")
class PostgresCheckTest {

    static PostgresProcess postgres;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPostgres() throws Exception {
        assumeTrue(PostgresProcess.binDir().isPresent(), "PostgreSQL is not installed (apt-get install postgresql)");
        postgres = PostgresProcess.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private GateRun run(String url) throws Exception {
        return GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 600ms, interval: 200ms}
                  checks:
                    - {name: postgres, type: postgres, url: "${DATABASE_URL}", timeout: 5s}
                    - {name: auth, type: tcp, host: 127.0.0.1, port: %d, dependsOn: [postgres]}
                """.formatted(postgres.port()), Map.of("DATABASE_URL", url));
    }

    @Test
    void aDatabaseUrlInThePlatformsFormPassesSelectOne() throws Exception {
        GateRun r = run(postgres.url("postgres"));
        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.check("postgres")).containsEntry("state", "up");
        assertThat(r.json).doesNotContain(PostgresProcess.PASSWORD);
    }

    @Test
    void aJdbcUrlWorksToo() throws Exception {
        GateRun r = run("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=" + PostgresProcess.USER
                + "&password=" + PostgresProcess.PASSWORD);
        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aWrongDatabaseIsNamedAndBlocksItsDependents() throws Exception {
        GateRun r = run(postgres.url("no_such_db"));
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("database \"no_such_db\" does not exist");
        assertThat(r.messages("recovery/check-blocked")).singleElement().asString()
                .startsWith("auth blocked by postgres: PostgreSQL at 127.0.0.1:" + postgres.port() + "/no_such_db");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatIsNeverPrinted() throws Exception {
        GateRun r = run("postgres://postgres:not-the-pw-1f9a4c@127.0.0.1:" + postgres.port() + "/postgres");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("password authentication failed");
        assertThat(r.json).doesNotContain("not-the-pw-1f9a4c");
    }

    @Test
    void aStoppedPostgresIsConnectionRefused() throws Exception {
        int dead = Ports.dead();
        GateRun r = run("postgres://postgres:x-pass-1@127.0.0.1:" + dead + "/postgres");
        assertThat(r.messages("recovery/check-blocked")).singleElement().asString()
                .isEqualTo("auth blocked by postgres: connection refused on 127.0.0.1:" + dead);
    }
}
