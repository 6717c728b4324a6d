package io.github.recoverygates.syntax.collection;

import java.util.List;

/** A test file and what became of its tests. */
final class TestFile {
    final String path;
    final PytestProject project;
    final boolean parsable;
    final List<TestCounter.Test> tests;
    final boolean scanned;
    Loss loss = Loss.NONE;
    String lostBecause;

    TestFile(String path, PytestProject project, boolean parsable, List<TestCounter.Test> tests, boolean scanned) {
        this.path = path;
        this.project = project;
        this.parsable = parsable;
        this.tests = tests;
        this.scanned = scanned;
    }

    int collectable() {
        return loss == Loss.NONE ? tests.size() : 0;
    }

    int lost() {
        return loss == Loss.NONE ? 0 : tests.size();
    }
}
