package io.github.recoverygates.core;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of a {@link RunMemos run memo}'s payload: strings, numbers, plain values and a whole
 * {@link GateOutcome}, written and read back in order without JSON, so that reusing a run with
 * thousands of findings costs one pass over a byte array and no mapper. A value reads back with its
 * Java type (an {@code Integer} metric stays one). Enums are written by name.
 */
public final class MemoBytes {

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte LIST = 6;
    private static final byte MAP = 7;
    private static final byte TABLE = 't';
    private static final byte GRAPH = 'g';

    private MemoBytes() {
    }

    /** Writes a payload; {@link #toByteArray} gives it. */
    public static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Out string(String s) {
            try {
                if (s == null) {
                    out.writeInt(-1);
                } else {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Out integer(int n) {
            try {
                out.writeInt(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Out number(long n) {
            try {
                out.writeLong(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Out decimal(double d) {
            return number(Double.doubleToRawLongBits(d));
        }

        public Out flag(boolean b) {
            return integer(b ? 1 : 0);
        }

        public Out bytes(byte[] b) {
            try {
                out.writeInt(b.length);
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Out name(Enum<?> e) {
            return string(e == null ? null : e.name());
        }

        /**
         * A plain value: null, a string, an Integer, Long, Double or Boolean, a list or a map with string
         * keys of such values; anything else is an {@link IllegalArgumentException} (nothing is memoised).
         */
        public Out value(Object v) {
            if (v == null) {
                return tag(NULL);
            } else if (v instanceof String s) {
                return tag(STRING).string(s);
            } else if (v instanceof Integer i) {
                return tag(INT).integer(i);
            } else if (v instanceof Long l) {
                return tag(LONG).number(l);
            } else if (v instanceof Double d) {
                return tag(DOUBLE).decimal(d);
            } else if (v instanceof Boolean b) {
                return tag(BOOLEAN).flag(b);
            } else if (v instanceof List<?> list) {
                tag(LIST).integer(list.size());
                list.forEach(this::value);
                return this;
            } else if (v instanceof Map<?, ?> map) {
                tag(MAP).integer(map.size());
                map.forEach((k, x) -> {
                    if (!(k instanceof String key)) {
                        throw new IllegalArgumentException("a map key that is not a string: " + k);
                    }
                    string(key).value(x);
                });
                return this;
            }
            throw new IllegalArgumentException("cannot keep a " + v.getClass().getName() + " in a run memo");
        }

        private Out tag(byte t) {
            bytes.write(t);
            return this;
        }

        /** The whole outcome: summary, metrics, thresholds, findings, sections, details, minimum verdict. */
        public Out outcome(GateOutcome o) {
            string(o.summary()).value(new LinkedHashMap<>(o.metrics()));
            integer(o.thresholds().size());
            for (Threshold t : o.thresholds()) {
                string(t.name()).value(t.include()).name(t.kind()).decimal(t.required()).value(t.actual())
                        .flag(t.passed()).name(t.unit()).value(t.numerator()).value(t.denominator()).flag(t.allowEmpty());
            }
            integer(o.findings().size());
            for (Finding f : o.findings()) {
                string(f.ruleId()).name(f.severity()).string(f.category()).string(f.file()).integer(f.line())
                        .integer(f.column()).integer(f.endLine()).integer(f.endColumn()).string(f.message())
                        .string(f.fingerprint()).name(f.baselineState()).name(f.diff());
                integer(f.properties().size());
                f.properties().forEach((k, v) -> string(k).string(v));
            }
            integer(o.sections().size());
            o.sections().forEach(this::section);
            return value(new LinkedHashMap<>(o.details())).name(o.minimumVerdict());
        }

        private void section(Section s) {
            if (s instanceof Table t) {
                tag(TABLE).string(t.id()).string(t.title()).integer(t.columns().size());
                t.columns().forEach(c -> string(c.name()).name(c.type()));
                value(t.rows());
            } else if (s instanceof Graph g) {
                tag(GRAPH).string(g.id()).string(g.title()).integer(g.nodes().size());
                g.nodes().forEach(n -> string(n.id()).string(n.label()).string(n.detail()).name(n.state()));
                integer(g.edges().size());
                g.edges().forEach(e -> string(e.from()).string(e.to()).name(e.kind()));
            }
        }

        public byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** Reads a payload in the order it was written; a payload in another shape throws a RuntimeException. */
    public static final class In {
        private final ByteBuffer in;

        public In(ByteBuffer in) {
            this.in = in;
        }

        public String string() {
            int n = in.getInt();
            if (n < 0) {
                return null;
            }
            if (n > in.remaining()) {
                throw new IllegalStateException("damaged: bad length");
            }
            String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
            in.position(in.position() + n);
            return s;
        }

        public int integer() {
            return in.getInt();
        }

        public long number() {
            return in.getLong();
        }

        public double decimal() {
            return Double.longBitsToDouble(in.getLong());
        }

        public boolean flag() {
            return in.getInt() != 0;
        }

        public byte[] bytes() {
            int n = count();
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        /** A count written with {@link Out#integer}, checked against what is left. */
        public int count() {
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) {
                throw new IllegalStateException("damaged: bad count");
            }
            return n;
        }

        public <E extends Enum<E>> E name(Class<E> type) {
            String name = string();
            return name == null ? null : Enum.valueOf(type, name);
        }

        /** A value written with {@link Out#value}: lists and maps come back as ArrayList and LinkedHashMap. */
        public Object value() {
            byte tag = in.get();
            return switch (tag) {
                case NULL -> null;
                case STRING -> string();
                case INT -> integer();
                case LONG -> number();
                case DOUBLE -> decimal();
                case BOOLEAN -> flag();
                case LIST -> {
                    int n = count();
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value());
                    }
                    yield list;
                }
                case MAP -> {
                    int n = count();
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        map.put(string(), value());
                    }
                    yield map;
                }
                default -> throw new IllegalStateException("damaged: value tag " + tag);
            };
        }

        @SuppressWarnings("unchecked")
        private <T> T as(Class<T> type) {
            Object v = value();
            if (v != null && !type.isInstance(v)) {
                throw new IllegalStateException("damaged: a " + v.getClass().getSimpleName() + " for a " + type.getSimpleName());
            }
            return (T) v;
        }

        /** An outcome written with {@link Out#outcome}. */
        @SuppressWarnings("unchecked")
        public GateOutcome outcome() {
            String summary = string();
            Map<String, Number> metrics = new LinkedHashMap<>();
            as(Map.class).forEach((k, v) -> metrics.put((String) k, (Number) v));
            List<Threshold> thresholds = new ArrayList<>();
            for (int i = count(); i > 0; i--) {
                thresholds.add(new Threshold(string(), as(List.class), name(Threshold.Kind.class), decimal(),
                        as(Double.class), flag(), name(Unit.class), as(Long.class), as(Long.class), flag()));
            }
            int findingCount = count();
            List<Finding> findings = new ArrayList<>(findingCount);
            for (int i = 0; i < findingCount; i++) {
                findings.add(finding());
            }
            List<Section> sections = new ArrayList<>();
            for (int i = count(); i > 0; i--) {
                sections.add(section());
            }
            Map<String, Object> details = as(Map.class);
            return new GateOutcome(summary, metrics, thresholds, findings, sections, details, name(Verdict.class));
        }

        private Finding finding() {
            String ruleId = string();
            Severity severity = name(Severity.class);
            String category = string();
            String file = string();
            int line = integer();
            int column = integer();
            int endLine = integer();
            int endColumn = integer();
            String message = string();
            String fingerprint = string();
            Finding.BaselineState state = name(Finding.BaselineState.class);
            Finding.DiffPosition diff = name(Finding.DiffPosition.class);
            TreeMap<String, String> properties = new TreeMap<>();
            for (int n = count(); n > 0; n--) {
                properties.put(string(), string());
            }
            return new Finding(ruleId, severity, category, file, line, column, endLine, endColumn, message, fingerprint,
                    state, diff, properties);
        }

        @SuppressWarnings("unchecked")
        private Section section() {
            byte kind = in.get();
            String id = string();
            String title = string();
            if (kind == TABLE) {
                List<Table.Column> columns = new ArrayList<>();
                for (int n = count(); n > 0; n--) {
                    columns.add(new Table.Column(string(), name(Table.Type.class)));
                }
                return new Table(id, title, columns, as(List.class));
            }
            if (kind != GRAPH) {
                throw new IllegalStateException("damaged: section kind " + kind);
            }
            List<Graph.Node> nodes = new ArrayList<>();
            for (int n = count(); n > 0; n--) {
                nodes.add(new Graph.Node(string(), string(), string(), name(Graph.State.class)));
            }
            List<Graph.Edge> edges = new ArrayList<>();
            for (int n = count(); n > 0; n--) {
                edges.add(new Graph.Edge(string(), string(), name(Graph.EdgeKind.class)));
            }
            return new Graph(id, title, nodes, edges);
        }
    }
}
