package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Content keys from git's index and the compact cache file")
class ContentCacheTest {

    @TempDir
    Path dir;

    private static String git(Path root, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out.strip();
    }

    private static SourceFile source(Path root, String rel) throws IOException {
        return SourceFile.at(root, rel);
    }

    private Path repoWithFiles(int count) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("pkg"));
        for (int i = 0; i < count; i++) {
            Files.writeString(repo.resolve("pkg/m" + i + ".py"), "x = " + i + "\n");
        }
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "files");
        return repo;
    }

    @Test
    void aCleanTrackedFileIsKeyedByItsBlobIdFromTheIndexAndEveryOtherFileByTheSameHash() throws Exception {
        Path repo = repoWithFiles(3);
        Files.writeString(repo.resolve("pkg/m1.py"), "x = 'changed'\n");
        Files.writeString(repo.resolve("untracked.py"), "y = 1\n");
        ContentKeys keys = ContentKeys.forRoot(repo, Map.of());

        assertThat(keys.source()).isEqualTo("git index");
        for (String rel : List.of("pkg/m0.py", "pkg/m1.py", "pkg/m2.py", "untracked.py")) {
            assertThat(HexFormat.of().formatHex(keys.key(source(repo, rel))))
                    .as(rel).isEqualTo(git(repo, "hash-object", "--", rel));
        }
        assertThat(keys.keyedByIndex()).isEqualTo(2); // m0 and m2; m1 is modified
    }

    @Test
    void aFileMarkedAssumeUnchangedIsHashedNotTakenFromTheIndex() throws Exception {
        Path repo = repoWithFiles(1);
        git(repo, "update-index", "--assume-unchanged", "pkg/m0.py");
        Files.writeString(repo.resolve("pkg/m0.py"), "x = 'edited behind git'\n");
        ContentKeys keys = ContentKeys.forRoot(repo, Map.of());
        assertThat(keys.key(source(repo, "pkg/m0.py"))).isEqualTo(ContentKeys.hash(repo.resolve("pkg/m0.py")));
        assertThat(keys.keyedByIndex()).isZero();
    }

    @Test
    void inAFreshCloneEveryFileOlderThanTheIndexIsKeyedByIt() throws Exception {
        Path repo = repoWithFiles(40);
        Path clone = dir.resolve("clone");
        git(dir, "clone", "-q", repo.toString(), clone.toString());
        // the checkout wrote the files and then the index, most likely in the same second: git (comparing
        // whole seconds) re-reads them on every status. To the clock's tick most are older than the index;
        // the ones written in the index's own tick are racily clean and are read
        Path index = clone.resolve(".git/index");
        long written = Files.getLastModifiedTime(index).to(java.util.concurrent.TimeUnit.NANOSECONDS);
        long older = 0;
        for (int i = 0; i < 40; i++) {
            older += source(clone, "pkg/m" + i + ".py").modifiedNanos() < written ? 1 : 0;
        }
        assertKeyedByIndex(clone, older);

        Files.setLastModifiedTime(index, FileTime.from(Files.getLastModifiedTime(index).toInstant().plusSeconds(1)));
        assertKeyedByIndex(clone, 40); // as if written a second later: every entry's stat stands
    }

    private void assertKeyedByIndex(Path clone, long expected) throws Exception {
        ContentKeys keys = ContentKeys.forRoot(clone, Map.of());
        for (int i = 0; i < 40; i++) {
            String rel = "pkg/m" + i + ".py";
            assertThat(HexFormat.of().formatHex(keys.key(source(clone, rel)))).as(rel).isEqualTo(git(clone, "hash-object", "--", rel));
        }
        assertThat(keys.keyedByIndex()).isEqualTo(expected);
    }

    @Test
    void aFileAsNewAsTheIndexIsReadEvenWhenItsStatMatchesTheEntry() throws Exception {
        Path repo = repoWithFiles(2);
        Path file = repo.resolve("pkg/m0.py");
        FileTime recorded = Files.getLastModifiedTime(file);
        Files.writeString(file, "x = 9\n"); // same size, other bytes, in place (same inode)
        Files.setLastModifiedTime(file, recorded); // the stat now equals the entry's again
        Path index = repo.resolve(".git/index");
        Files.setLastModifiedTime(index, FileTime.from(recorded.toInstant().minusMillis(1))); // as if written just before

        ContentKeys keys = ContentKeys.forRoot(repo, Map.of());
        assertThat(HexFormat.of().formatHex(keys.key(source(repo, "pkg/m0.py"))))
                .isEqualTo(git(repo, "hash-object", "--", "pkg/m0.py"));
        assertThat(keys.key(source(repo, "pkg/m1.py"))).isEqualTo(ContentKeys.hash(repo.resolve("pkg/m1.py")));
        assertThat(keys.keyedByIndex()).as("both files are as new as the index now: neither is trusted").isZero();
    }

    @Test
    void aTouchedOrReplacedFileIsReadAgain() throws Exception {
        Path repo = repoWithFiles(3);
        Files.setLastModifiedTime(repo.resolve("pkg/m0.py"), FileTime.fromMillis(1_000_000_000_000L)); // touched, content kept
        Path replaced = repo.resolve("pkg/m1.py");
        FileTime mtime = Files.getLastModifiedTime(replaced);
        Path other = repo.resolve("other.tmp");
        Files.writeString(other, "x = 7\n");
        Files.setLastModifiedTime(other, mtime);
        Files.move(other, replaced, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // same size and mtime, new inode

        ContentKeys keys = ContentKeys.forRoot(repo, Map.of());
        for (String rel : List.of("pkg/m0.py", "pkg/m1.py", "pkg/m2.py")) {
            assertThat(HexFormat.of().formatHex(keys.key(source(repo, rel)))).as(rel).isEqualTo(git(repo, "hash-object", "--", rel));
        }
        assertThat(keys.keyedByIndex()).isEqualTo(1); // m2 only
    }

    @Test
    void whenGitFailsTheKeysFallBackToHashing() throws Exception {
        Path repo = repoWithFiles(1);
        ContentKeys keys = ContentKeys.forRoot(repo, Map.of("GIT_DIR", dir.resolve("no-such-git-dir").toString()));
        assertThat(keys.source()).startsWith("content hashing");
        assertThat(keys.key(source(repo, "pkg/m0.py"))).isEqualTo(ContentKeys.hash(repo.resolve("pkg/m0.py")));

        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve("a.py"), "a = 1\n");
        ContentKeys outside = ContentKeys.forRoot(plain, Map.of("GIT_CEILING_DIRECTORIES", dir.toString()));
        assertThat(outside.source()).startsWith("content hashing");
        assertThat(outside.key(source(plain, "a.py"))).isEqualTo(ContentKeys.hash("a = 1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCacheRestoredIntoAFreshCloneHitsWhereEveryMtimeIsNewAndMissesForAChangedFile() throws Exception {
        Path repo = repoWithFiles(5);
        Path cacheDir = dir.resolve("cache");
        ContentCache first = ContentCache.open(cacheDir, "syntax", "py3.11", ContentKeys.forRoot(repo, Map.of()));
        for (int i = 0; i < 5; i++) {
            first.put(source(repo, "pkg/m" + i + ".py"), i == 3 ? TextNode.valueOf("finding") : JsonNodeFactory.instance.arrayNode());
        }
        first.save();

        Path clone = dir.resolve("clone");
        git(dir, "clone", "-q", repo.toString(), clone.toString());
        for (int i = 0; i < 5; i++) { // a checkout writes every file anew; make sure no mtime matches
            Path f = clone.resolve("pkg/m" + i + ".py");
            Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 60_000));
        }
        Files.writeString(clone.resolve("pkg/m4.py"), "x = 40\n"); // same size, other content
        ContentCache restored = ContentCache.open(cacheDir, "syntax", "py3.11", ContentKeys.forRoot(clone, Map.of()));
        assertThat(restored.notice()).isNull();
        for (int i = 0; i < 4; i++) {
            assertThat(restored.lookup(source(clone, "pkg/m" + i + ".py"))).as("m%d", i).isPresent();
        }
        assertThat(restored.lookup(source(clone, "pkg/m3.py"))).contains(TextNode.valueOf("finding"));
        assertThat(restored.lookup(source(clone, "pkg/m0.py")).map(JsonNode::isEmpty)).contains(true);
        assertThat(restored.lookup(source(clone, "pkg/m4.py"))).isEmpty();
    }

    @Test
    void outsideGitSizeAndMtimeAreNeverEnoughAlone() throws Exception {
        Path root = dir.resolve("plain");
        Files.createDirectories(root);
        Path file = root.resolve("a.py");
        Files.writeString(file, "x = 1\n");
        FileTime mtime = Files.getLastModifiedTime(file);
        Path cacheDir = dir.resolve("cache");
        ContentCache first = ContentCache.open(cacheDir, "syntax", "s");
        first.put(source(root, "a.py"), TextNode.valueOf("ok"));
        first.save();

        Files.writeString(file, "x = 2\n"); // same size, same mtime, other bytes
        Files.setLastModifiedTime(file, mtime);
        assertThat(ContentCache.open(cacheDir, "syntax", "s").lookup(source(root, "a.py"))).isEmpty();
        Files.writeString(file, "x = 1\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 9000)); // touched only
        assertThat(ContentCache.open(cacheDir, "syntax", "s").lookup(source(root, "a.py"))).contains(TextNode.valueOf("ok"));
        assertThat(ContentCache.open(cacheDir, "syntax", "other salt").lookup(source(root, "a.py"))).isEmpty();
        assertThat(ContentCache.open(cacheDir, "syntax", "other salt").notice()).isNull();
    }

    @Test
    void aTruncatedOrGarbageCacheFileIsIgnoredWithANoticeAndReplacedOnSave() throws Exception {
        Path root = dir.resolve("plain");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.py"), "x = 1\n");
        Path cacheDir = dir.resolve("cache");
        ContentCache first = ContentCache.open(cacheDir, "syntax", "s");
        first.put(source(root, "a.py"), TextNode.valueOf("ok"));
        first.save();
        Path file = cacheDir.resolve("syntax.cache");
        byte[] whole = Files.readAllBytes(file);

        for (int cut = 1; cut < whole.length; cut += Math.max(1, whole.length / 17)) {
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length - cut));
            ContentCache truncated = ContentCache.open(cacheDir, "syntax", "s");
            assertThat(truncated.notice()).as("cut %d", cut).contains("ignored");
            assertThat(truncated.lookup(source(root, "a.py"))).isEmpty();
        }
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x10;
        Files.write(file, flipped);
        assertThat(ContentCache.open(cacheDir, "syntax", "s").lookup(source(root, "a.py"))).isEmpty();

        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Files.write(file, garbage);
        ContentCache broken = ContentCache.open(cacheDir, "syntax", "s");
        assertThat(broken.notice()).contains("not a cache file");
        assertThat(broken.lookup(source(root, "a.py"))).isEmpty();
        broken.put(source(root, "a.py"), TextNode.valueOf("again"));
        broken.save();
        ContentCache repaired = ContentCache.open(cacheDir, "syntax", "s");
        assertThat(repaired.notice()).isNull();
        assertThat(repaired.lookup(source(root, "a.py"))).contains(TextNode.valueOf("again"));
    }

    @Test
    void anUnchangedCacheIsNotRewrittenAndFilesNoLongerPresentAreDropped() throws Exception {
        Path root = dir.resolve("plain");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.py"), "a = 1\n");
        Files.writeString(root.resolve("b.py"), "b = 1\n");
        Path cacheDir = dir.resolve("cache");
        ContentCache first = ContentCache.open(cacheDir, "g", "s");
        first.put(source(root, "a.py"), TextNode.valueOf("a"));
        first.put(source(root, "b.py"), TextNode.valueOf("b"));
        first.save();
        Path file = cacheDir.resolve("g.cache");
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, written);

        ContentCache warm = ContentCache.open(cacheDir, "g", "s");
        assertThat(warm.lookup(source(root, "a.py"))).isPresent();
        assertThat(warm.lookup(source(root, "b.py"))).isPresent();
        warm.save();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);

        ContentCache fewer = ContentCache.open(cacheDir, "g", "s");
        assertThat(fewer.lookup(source(root, "a.py"))).isPresent();
        fewer.save();
        assertThat(ContentCache.open(cacheDir, "g", "s").peek("b.py")).isEmpty();
        assertThat(ContentCache.open(cacheDir, "g", "s").peek("a.py")).contains(TextNode.valueOf("a"));
    }

    @Test
    void pathsWithBlanksTabsNewlinesAndNonAsciiLettersAreReadWholeFromGitsListing() throws Exception {
        Path repo = dir.resolve("odd");
        List<String> names = List.of("a b.py", "tab\tname.py", "new\nline.py", "\u00fcber/\u5b57.py", "plain.py");
        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        for (String name : names) {
            Path p = repo.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x = '" + name.length() + "'\n");
            Files.setLastModifiedTime(p, hourAgo); // older than the index git writes next: not racy
        }
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        ContentKeys keys = ContentKeys.forRoot(repo, Map.of());
        for (String name : names) {
            assertThat(keys.key(source(repo, name))).as(name).isEqualTo(ContentKeys.hash(repo.resolve(name)));
        }
        assertThat(keys.source()).isEqualTo("git index");
        assertThat(keys.keyedByIndex()).as("every entry parsed, none hashed").isEqualTo(names.size());
    }

    @Test
    void aListingInAnotherShapeIsRefusedWholeSoEveryFileIsHashedInstead() {
        String entry = "H 100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 0\ta.py\0  ctime: 1:2\n  mtime: 3:4\n"
                + "  dev: 5\tino: 6\n  uid: 0\tgid: 0\n  size: 0\tflags: 0\n";
        assertThat(ContentKeys.parse(entry)).containsOnlyKeys("a.py");
        assertThatThrownBy(() -> ContentKeys.parse(entry.substring(0, entry.length() - 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ContentKeys.parse(entry.replace("mtime: 3:4", "mtime: x:4")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ContentKeys.parse(entry.replace("  dev:", "  device:")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 'dev:'");
    }
}
