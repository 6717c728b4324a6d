package io.github.recoverygates.syntax.collection;

import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The "Test collection by scope" and "lost tests" tables, of one run and joined across shards. */
final class CollectionTables {

    static final int MAX_LOST_ROWS = 500;

    private CollectionTables() {
    }

    /** The tables of one run: a row per scope, scope directory, testpath and all; the lost files, most tests first. */
    static List<Section> of(ScopeTallies tallies, Map<String, TestFile> testFiles) {
        List<Section> sections = new ArrayList<>();
        List<String> columns = List.of("Scope", "Test files", "Parsable files", "Collectable tests", "Lost tests");
        List<List<String>> rows = new ArrayList<>();
        tallies.scopes.forEach((name, t) -> rows.add(row(name, t)));
        tallies.scopeDirs.forEach((dir, t) -> rows.add(row(dir + "/", t)));
        tallies.paths.forEach((label, t) -> rows.add(row("testpath " + label, t)));
        rows.add(row("all", tallies.total));
        sections.add(Table.ofText("test-collection", "Test collection by scope (test functions; parametrize not expanded)",
                columns, rows));
        List<TestFile> lostFiles = testFiles.values().stream().filter(f -> f.loss != Loss.NONE)
                .sorted(Comparator.comparingInt((TestFile f) -> -f.tests.size()).thenComparing(f -> f.path)).toList();
        if (!lostFiles.isEmpty()) {
            List<List<String>> lostRows = new ArrayList<>();
            for (TestFile f : lostFiles.subList(0, Math.min(MAX_LOST_ROWS, lostFiles.size()))) {
                lostRows.add(List.of(f.path, String.valueOf(f.tests.size()), f.lostBecause));
            }
            String title = "Test files whose tests cannot be collected"
                    + (lostFiles.size() > MAX_LOST_ROWS ? " (first " + MAX_LOST_ROWS + " of " + lostFiles.size() + ")" : "");
            sections.add(Table.ofText("lost-tests", title, List.of("File", "Tests", "Because"), lostRows));
        }
        return sections;
    }

    /**
     * Joins the collection tables of shard reports: counts per row key summed, lost files ranked
     * as one run ranks them (most tests first, then path).
     */
    static List<Section> merge(List<List<Section>> shards) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Table table = null;
        Table lostTable = null;
        List<List<String>> lost = new ArrayList<>();
        for (List<Section> sections : shards) {
            for (Section section : sections) {
                if (!(section instanceof Table s)) {
                    continue;
                }
                if (s.id().equals("test-collection")) {
                    table = table == null ? s : table;
                    for (List<String> row : s.textRows()) {
                        long[] sum = counts.computeIfAbsent(row.get(0), k -> new long[row.size() - 1]);
                        for (int i = 1; i < row.size(); i++) {
                            sum[i - 1] += Long.parseLong(row.get(i));
                        }
                    }
                } else if (s.id().equals("lost-tests")) {
                    lostTable = lostTable == null ? s : lostTable;
                    lost.addAll(s.textRows());
                }
            }
        }
        List<Section> out = new ArrayList<>();
        if (table != null) {
            List<List<String>> rows = new ArrayList<>();
            counts.forEach((key, sum) -> {
                List<String> row = new ArrayList<>(List.of(key));
                for (long v : sum) {
                    row.add(Long.toString(v));
                }
                rows.add(row);
            });
            out.add(Table.ofText(table.id(), table.title(), table.headers(), rows));
        }
        if (lostTable != null) {
            lost.sort(Comparator.comparingLong((List<String> r) -> -Long.parseLong(r.get(1))).thenComparing(r -> r.get(0)));
            String title = "Test files whose tests cannot be collected"
                    + (lost.size() > MAX_LOST_ROWS ? " (first " + MAX_LOST_ROWS + " of " + lost.size() + ")" : "");
            out.add(Table.ofText(lostTable.id(), title, lostTable.headers(), lost.subList(0, Math.min(MAX_LOST_ROWS, lost.size()))));
        }
        return out;
    }

    static List<String> row(String name, CollectionTally t) {
        return List.of(name, String.valueOf(t.files), String.valueOf(t.parsable), String.valueOf(t.collectable),
                String.valueOf(t.lost));
    }
}
