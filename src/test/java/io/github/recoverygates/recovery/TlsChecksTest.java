package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recovery: TLS checks trust a private CA given as caFile")
class TlsChecksTest {

    static final String STORE_PASSWORD = "store-pass-1";

    @TempDir
    static Path certs;

    static TestHttpServer https;
    static RedisProcess tlsRedis;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeCertificateAndServers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        // a self-signed certificate for 127.0.0.1 acts as its own CA
        exec("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-keyout", certs.resolve("key.pem").toString(), "-out", certs.resolve("cert.pem").toString(),
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        exec("openssl", "pkcs12", "-export", "-in", certs.resolve("cert.pem").toString(),
                "-inkey", certs.resolve("key.pem").toString(), "-out", certs.resolve("server.p12").toString(),
                "-passout", "pass:" + STORE_PASSWORD);
        https = TestHttpServer.startTls(certs.resolve("server.p12"), STORE_PASSWORD);
        if (RedisProcess.available()) {
            tlsRedis = RedisProcess.startTls(certs, certs.resolve("cert.pem"), certs.resolve("key.pem"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (https != null) {
            https.close();
        }
        if (tlsRedis != null) {
            tlsRedis.close();
        }
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    @Test
    void anHttpCheckRedirectedToHttpsSpeaksTlsWithTheDefaultTrustOrTheCaFile() throws Exception {
        try (TestHttpServer plain = TestHttpServer.start()) {
            String moved = plain.url("/redirect-to?location="
                    + java.net.URLEncoder.encode(https.httpsUrl("/health"), StandardCharsets.UTF_8));
            GateRun r = GateRun.of(tmp, """
                    recovery:
                      wait: {timeout: 600ms, interval: 200ms}
                      checks:
                        - {name: followed, type: http, url: "%1$s", followRedirects: true, timeout: 20s}
                        - {name: trusted, type: http, url: "%1$s", followRedirects: true, caFile: "%2$s", timeout: 20s}
                        - {name: stays, type: http, url: "%1$s", timeout: 20s}
                    """.formatted(moved, certs.resolve("cert.pem")), Map.of());
            // the redirect leads to a real handshake: the JDK's CA store does not know the private CA, the caFile does
            assertThat(r.check("trusted")).containsEntry("state", "up");
            assertThat(r.messages("recovery/check-failed")).hasSize(2)
                    .anySatisfy(m -> assertThat(m).startsWith("followed is down")
                            .contains("TLS handshake with 127.0.0.1:" + plain.port() + " failed")
                            .contains("unable to find valid certification path"))
                    .anySatisfy(m -> assertThat(m).startsWith("stays is down").contains("HTTP 302"));
        }
    }

    @Test
    void httpsWithTheCaFilePassesAndWithoutItFailsTheHandshake() throws Exception {
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 600ms, interval: 200ms}
                  checks:
                    - {name: trusted, type: http, url: "%s", caFile: "%s", timeout: 20s}
                    - {name: untrusted, type: http, url: "%s", timeout: 20s}
                """.formatted(https.httpsUrl("/health"), certs.resolve("cert.pem"), https.httpsUrl("/health")), Map.of());
        assertThat(r.check("trusted")).containsEntry("state", "up");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .startsWith("untrusted is down").contains("TLS handshake with 127.0.0.1:" + https.port() + " failed");
    }

    @Test
    void redissWithTheCaFileAnswersPong() throws Exception {
        assumeTrue(tlsRedis != null, "redis-server is not installed");
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 600ms, interval: 200ms}
                  checks:
                    - {name: redis, type: redis, url: "rediss://127.0.0.1:%d", caFile: "%s", timeout: 20s}
                """.formatted(tlsRedis.port(), certs.resolve("cert.pem")), Map.of());
        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anUnreadableCaFileIsAConfigErrorAtItsKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GateRun.of(tmp, """
                recovery:
                  checks:
                    - name: api
                      type: http
                      url: "https://127.0.0.1:1/health"
                      caFile: no-such-ca.pem
                """, Map.of()))
                .isInstanceOf(io.github.recoverygates.core.ConfigException.class)
                .hasMessageContaining(":6:").hasMessageContaining("cannot read CA file no-such-ca.pem");
    }
}
