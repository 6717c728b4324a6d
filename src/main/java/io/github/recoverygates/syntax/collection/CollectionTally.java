package io.github.recoverygates.syntax.collection;

import java.util.Map;

/** Counts for a scope, a scope directory or a testpath. */
final class CollectionTally {
    int files;
    int parsable;
    int collectable;
    int lost;
    int syntaxLostFiles;
    int otherLostFiles;

    void add(TestFile f) {
        files++;
        parsable += f.parsable ? 1 : 0;
        collectable += f.collectable();
        lost += f.lost();
        if (f.loss == Loss.SYNTAX) {
            syntaxLostFiles++;
        } else if (f.loss != Loss.NONE) {
            otherLostFiles++;
        }
    }

    void putMetrics(Map<String, Number> metrics, String prefix) {
        metrics.put(prefix + ".files", files);
        metrics.put(prefix + ".parsableFiles", parsable);
        metrics.put(prefix + ".collectable", collectable);
        metrics.put(prefix + ".lost", lost);
    }
}
