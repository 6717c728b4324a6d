package io.github.recoverygates.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * GitHub shows at most {@value #PER_JOB} annotations per job, across all its steps; past that they are
 * dropped without a word. The steps of one job share {@code $RUNNER_TEMP}, so each gate step spends
 * from a count kept there (locked while it is read and written). Outside Actions nothing is shared.
 */
final class JobBudget implements AutoCloseable {

    static final int PER_JOB = 50;
    static final String FILE = "recovery-gates-annotations.count";

    private final FileChannel channel;
    private final FileLock lock;
    private int used;

    private JobBudget(FileChannel channel, FileLock lock, int used) {
        this.channel = channel;
        this.lock = lock;
        this.used = used;
    }

    static JobBudget open(Map<String, String> env) {
        String temp = env.get("RUNNER_TEMP");
        if (temp == null || temp.isBlank()) {
            return new JobBudget(null, null, 0);
        }
        try {
            Path file = Path.of(temp).resolve(FILE);
            if (Files.isSymbolicLink(file)) {
                return new JobBudget(null, null, 0);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = channel.lock();
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            int used = text.matches("\\d{1,6}") ? Integer.parseInt(text) : 0;
            return new JobBudget(channel, lock, used);
        } catch (IOException | RuntimeException e) {
            return new JobBudget(null, null, 0);
        }
    }

    int left() {
        return Math.max(0, PER_JOB - used);
    }

    void spend(int n) {
        used += n;
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Integer.toString(used).getBytes(StandardCharsets.US_ASCII)), 0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the count is advice: a lost update shows a few annotations GitHub then drops
        }
    }
}
