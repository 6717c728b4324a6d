package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardCacheAndMaskTest {

    @TempDir
    Path dir;

    @Test
    void shardsPartitionEveryPathExactlyOnce() {
        int n = 4;
        IntStream.range(0, 1000).mapToObj(i -> "pkg" + i % 17 + "/mod" + i + ".py").forEach(path ->
                assertThat(IntStream.rangeClosed(1, n).filter(i -> new Shard(i, n).contains(path)).count()).isEqualTo(1));
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        assertThatThrownBy(() -> Shard.parse("0/3")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Shard.parse("two")).isInstanceOf(ConfigException.class);
    }

    private SourceFile source(Path file) throws Exception {
        return SourceFile.at(file.getParent(), file.getFileName().toString());
    }

    @Test
    void theCacheHitsOnSameContentEvenWhenTouchedAndMissesOnChangeOrNewSalt() throws Exception {
        Path file = dir.resolve("a.py");
        Files.writeString(file, "x = 1\n");
        Path cacheDir = dir.resolve("cache");
        ContentCache first = ContentCache.open(cacheDir, "syntax", "py3.11");
        assertThat(first.lookup(source(file))).isEmpty();
        first.put(source(file), TextNode.valueOf("ok"));
        first.save();

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertThat(ContentCache.open(cacheDir, "syntax", "py3.11").lookup(source(file))).contains(TextNode.valueOf("ok"));
        assertThat(ContentCache.open(cacheDir, "syntax", "py3.12").lookup(source(file))).isEmpty();

        Files.writeString(file, "x = 2\n");
        assertThat(ContentCache.open(cacheDir, "syntax", "py3.11").lookup(source(file))).isEmpty();
    }

    @Test
    void aCorruptCacheIsIgnored() throws Exception {
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache/syntax.cache"), "{not a cache");
        Path file = dir.resolve("a.py");
        Files.writeString(file, "x = 1\n");
        assertThat(ContentCache.open(dir.resolve("cache"), "syntax", "s").lookup(source(file))).isEmpty();
    }

    @Test
    void theMaskerHidesRegisteredSecretsAndUrlPasswords() {
        SecretMasker masker = new SecretMasker();
        masker.register("hunter2-long");
        masker.register("ab"); // too short to mask without destroying reports
        assertThat(masker.mask("pw=hunter2-long ab")).isEqualTo("pw=*** ab");
        assertThat(masker.mask("postgresql://app:pa55word@db:5432/x and redis://:r3dis@127.0.0.1:6379"))
                .isEqualTo("postgresql://app:***@db:5432/x and redis://:***@127.0.0.1:6379");
        assertThat(SecretMasker.isSecretName("JWT_SECRET_KEY")).isTrue();
        assertThat(SecretMasker.isSecretName("PORT")).isFalse();
    }

    @Test
    void secretsNobodyRegisteredAreMaskedByWhereTheyStandInAnyLetterCase() {
        SecretMasker masker = new SecretMasker();
        assertThat(masker.mask("AUTHORIZATION: Bearer eyJhbGciOi.x.y")).isEqualTo("AUTHORIZATION: Bearer ***");
        assertThat(masker.mask("proxy-Authorization=Basic dXNlcjpwYXNz")).isEqualTo("proxy-Authorization=Basic ***");
        assertThat(masker.mask("sent X-Auth-Token: abc123def")).isEqualTo("sent X-Auth-Token: ***");
        assertThat(masker.mask("Api-Key=k-77")).isEqualTo("Api-Key=***");
        assertThat(masker.mask("SET-COOKIE: sid=s3cr3t; Path=/")).isEqualTo("SET-COOKIE: ***");
        assertThat(masker.mask("GET /login?user=a&Access_Token=t0k3n HTTP/1.1")).isEqualTo("GET /login?user=a&Access_Token=*** HTTP/1.1");
        assertThat(masker.mask("https://bob:pw@host/x")).isEqualTo("https://bob:***@host/x");
        assertThat(masker.mask("closing parenthesis ')' does not match opening parenthesis '[' on line 3: x = f(a]"))
                .isEqualTo("closing parenthesis ')' does not match opening parenthesis '[' on line 3: x = f(a]");
    }

    @Test
    void durationsReadTheWayPeopleWriteThem() {
        assertThat(Durations.parse("200ms").toMillis()).isEqualTo(200);
        assertThat(Durations.parse("3s").toMillis()).isEqualTo(3000);
        assertThat(Durations.parse("15m").toMinutes()).isEqualTo(15);
        assertThat(Durations.parse("2").toMillis()).isEqualTo(2000);
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void thousandsOfRegisteredTokensAreAllMaskedWholeAndInPieces() {
        // a token per journey: the golden path registers thousands; every one must stay masked
        SecretMasker masker = new SecretMasker();
        java.util.Random random = new java.util.Random(15);
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder t = new StringBuilder("eyJhbGciOiJIUzI1NiJ9.");
            for (int k = 0; k < 40; k++) {
                t.append((char) ('a' + random.nextInt(26)));
            }
            tokens.add(t.toString());
            masker.register(t.toString());
            masker.register(t.toString()); // twice changes nothing
        }
        masker.register("s3cr"); // short: masked whole
        for (int i : new int[]{0, 1, 2, 777, 2048, 4095, 4999}) {
            String token = tokens.get(i);
            assertThat(masker.mask("Authorizationless header jwt." + token + " end")).isEqualTo("Authorizationless header jwt.*** end");
            String piece = token.substring(25, 37);
            assertThat(masker.mask("cut: " + piece + "|")).isEqualTo("cut: ***|");
        }
        assertThat(masker.mask("pass s3cr here")).isEqualTo("pass *** here");
        assertThat(masker.mask("nothing secret in this line at all")).isEqualTo("nothing secret in this line at all");
        assertThat(masker.secrets()).hasSize(5001).contains(tokens.get(0), tokens.get(4999), "s3cr");
    }
}
