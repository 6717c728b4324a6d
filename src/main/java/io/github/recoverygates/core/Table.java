package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A table of a report. Each column has a type that tells a renderer how to show its cells (numbers
 * right-aligned, states coloured, paths linked); cells are {@code String}, whole numbers, decimals
 * or null (empty). Made with {@link #builder}.
 */
@JsonPropertyOrder({"id", "title", "columns", "rows"})
public record Table(String id, String title, List<Column> columns, List<List<Object>> rows) implements Section {

    /** How a column's cells are shown. */
    public enum Type implements LowerCaseId {
        TEXT, NUMBER, STATE, PATH;

        @JsonCreator
        public static Type of(String id) {
            return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst().orElse(TEXT);
        }
    }

    /** A column: its header and type. */
    @JsonPropertyOrder({"name", "type"})
    public record Column(String name, Type type) {
        public Column {
            Objects.requireNonNull(name, "name");
            type = type == null ? Type.TEXT : type;
        }

        /** Reports of the first version wrote a column as its header alone. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Column header(String name) {
            return new Column(name, Type.TEXT);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        static Column read(@JsonProperty("name") String name, @JsonProperty("type") Type type) {
            return new Column(name, type);
        }
    }

    public Table {
        Objects.requireNonNull(id, "id");
        columns = columns == null ? List.of() : List.copyOf(columns);
        rows = rows == null ? List.of() : rows.stream().map(Table::copyRow).toList();
    }

    /** A table of text columns and text cells. */
    public static Table ofText(String id, String title, List<String> columns, List<? extends List<String>> rows) {
        return new Table(id, title, columns.stream().map(c -> new Column(c, Type.TEXT)).toList(),
                rows.stream().map(r -> (List<Object>) new ArrayList<Object>(r)).toList());
    }

    /** The rows with every cell as text (null as ""). */
    public List<List<String>> textRows() {
        return rows.stream().map(r -> r.stream().map(c -> c == null ? "" : c.toString()).toList()).toList();
    }

    /** The column headers. */
    public List<String> headers() {
        return columns.stream().map(Column::name).toList();
    }

    public static Builder builder(String id, String title) {
        return new Builder(id, title);
    }

    /** The cell of {@code row} under the column named {@code column}, or null. */
    public Object cell(List<Object> row, String column) {
        for (int i = 0; i < columns.size() && i < row.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return row.get(i);
            }
        }
        return null;
    }

    /** A copy with its first {@code max} rows. */
    public Table head(int max) {
        return rows.size() <= max ? this : new Table(id, title, columns, rows.subList(0, max));
    }

    @Override
    public Table mapText(UnaryOperator<String> text) {
        List<List<Object>> masked = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            masked.add(row.stream().map(c -> c instanceof String s ? (Object) text.apply(s) : c).toList());
        }
        return new Table(text.apply(id), text.apply(title),
                columns.stream().map(c -> new Column(text.apply(c.name()), c.type())).toList(), masked);
    }

    private static List<Object> copyRow(List<Object> row) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(row));
    }

    /** Builds a {@link Table} column by column, then row by row. */
    public static final class Builder {
        private final String id;
        private final String title;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder column(String name, Type type) {
            columns.add(new Column(name, type));
            return this;
        }

        public Builder text(String... names) {
            for (String n : names) {
                column(n, Type.TEXT);
            }
            return this;
        }

        public Builder number(String... names) {
            for (String n : names) {
                column(n, Type.NUMBER);
            }
            return this;
        }

        /** One row; {@code cells} are matched to the columns in order, missing ones are empty. */
        public Builder row(Object... cells) {
            List<Object> row = new ArrayList<>(Arrays.asList(cells));
            while (row.size() < columns.size()) {
                row.add(null);
            }
            rows.add(row);
            return this;
        }

        public Builder rows(List<? extends List<?>> many) {
            many.forEach(r -> row(r.toArray()));
            return this;
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public Table build() {
            return new Table(id, title, columns, rows);
        }
    }
}
