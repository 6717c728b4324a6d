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

@DisplayName("recovery: redis checks speak RESP to a real redis-server")
class RedisCheckTest {

    static final String PASSWORD = "redis-test-pass-4410";

    @TempDir
    static Path redisDir;

    static RedisProcess open;
    static RedisProcess protectedRedis;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(RedisProcess.available(), "redis-server is not installed (apt-get install redis-server)");
        open = RedisProcess.start(redisDir, null);
        protectedRedis = RedisProcess.start(redisDir, PASSWORD);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (open != null) {
            open.close();
        }
        if (protectedRedis != null) {
            protectedRedis.close();
        }
    }

    private GateRun run(String url) throws Exception {
        return GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 600ms, interval: 200ms}
                  checks:
                    - {name: redis, type: redis, url: "${REDIS_URL}", timeout: 3s}
                """, Map.of("REDIS_URL", url));
    }

    @Test
    void pingAnswersPongWithoutAndWithAPassword() throws Exception {
        GateRun plain = run("redis://127.0.0.1:" + open.port() + "/0");
        assertThat(plain.result().verdict()).isEqualTo(Verdict.PASS);
        GateRun withPassword = run("redis://:" + PASSWORD + "@127.0.0.1:" + protectedRedis.port());
        assertThat(withPassword.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(withPassword.check("redis")).containsEntry("state", "up");
    }

    @Test
    void aWrongPasswordIsReportedAsRefusedAuthAndNeverPrinted() throws Exception {
        GateRun r = run("redis://:wrong-password-123@127.0.0.1:" + protectedRedis.port());
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("refused AUTH").containsIgnoringCase("WRONGPASS");
        assertThat(r.json).doesNotContain("wrong-password-123").doesNotContain(PASSWORD);
    }

    @Test
    void aMissingPasswordIsReportedAsNoAuth() throws Exception {
        GateRun r = run("redis://127.0.0.1:" + protectedRedis.port());
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("answered PING with NOAUTH");
    }

    @Test
    void aStoppedRedisIsConnectionRefused() throws Exception {
        int dead = Ports.dead();
        GateRun r = run("redis://127.0.0.1:" + dead);
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("connection refused on 127.0.0.1:" + dead);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersHitsTheDeadline() throws Exception {
        try (Ports.Silent silent = new Ports.Silent()) {
            GateRun r = GateRun.of(tmp, """
                    recovery:
                      wait: {timeout: 300ms}
                      checks:
                        - {name: redis, type: redis, url: "redis://127.0.0.1:%d", timeout: 400ms}
                    """.formatted(silent.port()), Map.of());
            assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                    .contains("no answer within 400ms from 127.0.0.1:" + silent.port());
        }
    }

    @Test
    void aRedissUrlAgainstAPlainServerFailsTheTlsHandshakeWithinTheDeadline() throws Exception {
        long t0 = System.nanoTime();
        GateRun r = run("rediss://127.0.0.1:" + open.port());
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .containsAnyOf("TLS handshake", "connection closed", "no answer");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(8000);
    }
}
