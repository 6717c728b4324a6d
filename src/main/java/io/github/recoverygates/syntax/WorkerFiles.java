package io.github.recoverygates.syntax;

import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the Python and TypeScript worker pools share about files: the paths a batch names, and their private temp dir. */
final class WorkerFiles {

    private WorkerFiles() {
    }

    /** The absolute paths of {@code files}, in order: what a worker is asked to read. */
    static List<String> absolutePaths(List<SourceFile> files) {
        List<String> out = new ArrayList<>(files.size());
        for (SourceFile f : files) {
            out.add(f.absolute().toString());
        }
        return out;
    }

    /** Deletes a pool's temp dir and everything in it; what cannot be deleted is left for the OS. */
    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the OS to clean
                }
            });
        } catch (IOException e) {
            // nothing to clean
        }
    }
}
