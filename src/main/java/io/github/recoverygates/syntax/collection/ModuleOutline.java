package io.github.recoverygates.syntax.collection;

import io.github.recoverygates.python.Dialect;
import io.github.recoverygates.python.PythonTokens;
import io.github.recoverygates.python.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What pytest would find in a module's namespace, read without running Python: the functions and
 * classes bound at module level (also inside {@code if}/{@code try}/{@code with} blocks), each
 * class's methods, nested classes, bases, {@code __test__} flags and constructors. A later binding
 * of a name replaces an earlier one, as in the module's {@code __dict__}.
 */
final class ModuleOutline {

    /** Something bound to a name in a module or class body. */
    sealed interface Member permits Function, ClassDef, Other {
        int line();
    }

    record Function(String name, int line, boolean fixture) implements Member {
    }

    /** A name bound to something that is not a function or class (an assignment, an import). */
    record Other(String name, int line) implements Member {
    }

    static final class ClassDef implements Member {
        final String name;
        final int line;
        final List<String> bases;
        final boolean generatesInit;
        final Map<String, Member> members = new LinkedHashMap<>();
        Boolean testFlag;

        ClassDef(String name, int line, List<String> bases, boolean generatesInit) {
            this.name = name;
            this.line = line;
            this.bases = bases;
            this.generatesInit = generatesInit;
        }

        @Override
        public int line() {
            return line;
        }
    }

    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s+(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern CLASS = Pattern.compile("^class\\s+(\\w+)\\s*(\\()?", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TEST_FLAG = Pattern.compile("^__test__\\s*(?::[^=]*)?=\\s*(True|False)\\b");
    private static final Pattern ASSIGN = Pattern.compile("^(\\w+)\\s*(?::[^=]*)?=(?!=)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern FIXTURE = Pattern.compile("^@\\s*(?:[\\w.]+\\.)?fixture\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GENERATED_INIT = Pattern.compile(
            "^@\\s*(?:dataclasses\\.)?dataclass\\b|^@\\s*attrs?\\.(?:s|define|frozen|mutable|attrs)\\b");

    final Map<String, Member> members = new LinkedHashMap<>();
    Boolean testFlag;

    private record Block(int indent, ClassDef cls, boolean function) {
    }

    /** The body a statement binds names in: null inside a function, else its class's or the module's. */
    private record Scope(Map<String, Member> members, ClassDef owner) {
    }

    private final Deque<Block> stack = new ArrayDeque<>();
    private final List<String> decorators = new ArrayList<>();

    /**
     * The outline of a module's source; {@code tolerant} for files that do not compile (an unclosed
     * triple quote or bracket does not swallow the definitions after it).
     */
    static ModuleOutline of(String source, boolean tolerant) {
        ModuleOutline module = new ModuleOutline();
        Dialect dialect = tolerant ? Dialect.TOLERANT : Dialect.NESTED_F_STRINGS;
        PythonTokens.eachLogicalLine(source, dialect, module.new Reader(source));
        return module;
    }

    /** Hands the outline the lines it needs, most without their text. */
    private final class Reader implements PythonTokens.LineReader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        /** What a function body binds, pytest never sees: a plain statement there ends a run of decorators, nothing else. */
        @Override
        public boolean wants(int line, int indent, Token.Kind firstKind, char firstChar) {
            closeBlocks(indent);
            if (scope() == null && firstKind != Token.Kind.ERROR && firstChar != '@') {
                decorators.clear();
                return false;
            }
            return true;
        }

        @Override
        public void read(PythonTokens.Line line) {
            if (simpleStatement(line)) {
                return;
            }
            String text = line.codeText();
            if (!text.isEmpty()) {
                statement(line.line(), line.indent(), text);
            }
        }

        /**
         * Reads a statement that starts with a plain name from its tokens, as {@link #statement} would read
         * its text: one with no {@code =} anywhere binds nothing, {@code name = ...} binds the name. Anything
         * else (a keyword that opens a block, {@code __test__}, a name that is not ASCII) is left to the text.
         */
        private boolean simpleStatement(PythonTokens.Line line) {
            if (line.kind(0) != Token.Kind.NAME) {
                return false;
            }
            String name = source.substring(line.start(0), line.end(0));
            if (KEYWORDS.contains(name) || name.startsWith("__test__") || !name.chars().allMatch(c -> c < 128)) {
                return false;
            }
            boolean assigns = false;
            for (int k = 1; k < line.size() && !assigns; k++) {
                for (int i = line.start(k); i < line.end(k) && line.kind(k) == Token.Kind.OP; i++) {
                    assigns |= source.charAt(i) == '=';
                }
            }
            if (assigns && !(line.size() > 1 && line.kind(1) == Token.Kind.OP && line.end(1) - line.start(1) == 1
                    && source.charAt(line.start(1)) == '=')) {
                return false;
            }
            if (assigns) { // wants() closed the blocks this line is not in
                bind(scope(), name, new Other(name, line.line()));
            }
            decorators.clear();
            return true;
        }
    }

    /** The words that open a definition or a compound statement, whose text the outline reads. */
    private static final Set<String> KEYWORDS = Set.of("def", "async", "class", "if", "elif", "else", "try", "finally",
            "while", "for", "with", "except");

    /** Closes the blocks a statement at {@code indent} is not inside. */
    private void closeBlocks(int indent) {
        while (!stack.isEmpty() && stack.peek().indent() >= indent) {
            stack.pop();
        }
    }

    private void statement(int line, int indent, String text) {
        closeBlocks(indent);
        Scope scope = scope();
        if (text.startsWith("@")) {
            decorators.add(text);
            return;
        }
        Matcher def = text.startsWith("def") || text.startsWith("async") ? DEF.matcher(text) : null;
        Matcher cls = text.startsWith("class") ? CLASS.matcher(text) : null;
        if (def != null && def.find()) {
            boolean fixture = decorators.stream().anyMatch(d -> FIXTURE.matcher(d).find());
            bind(scope, def.group(1), new Function(def.group(1), line, fixture));
            stack.push(new Block(indent, null, true));
        } else if (cls != null && cls.find()) {
            List<String> bases = cls.group(2) == null ? List.of() : bases(text, cls.end() - 1);
            boolean generated = decorators.stream().anyMatch(d -> GENERATED_INIT.matcher(d).find());
            ClassDef c = new ClassDef(cls.group(1), line, bases, generated);
            bind(scope, c.name, c);
            stack.push(new Block(indent, scope == null ? null : c, scope == null));
        } else if (scope != null && text.indexOf('=') >= 0) {
            assignment(scope, line, inlineBody(text));
        }
        decorators.clear();
    }

    /** The innermost enclosing function (no scope) or class, else the module. */
    private Scope scope() {
        for (Block b : stack) {
            if (b.function()) {
                return null;
            }
            if (b.cls() != null) {
                return new Scope(b.cls().members, b.cls());
            }
        }
        return new Scope(members, null);
    }

    /** A later binding of a name replaces an earlier one, and moves it to the end. */
    private static void bind(Scope scope, String name, Member member) {
        if (scope != null) {
            scope.members().remove(name);
            scope.members().put(name, member);
        }
    }

    private void assignment(Scope scope, int line, String text) {
        Matcher flag = TEST_FLAG.matcher(text);
        if (text.startsWith("__test__") && flag.find()) {
            boolean value = flag.group(1).equals("True");
            if (scope.owner() != null) {
                scope.owner().testFlag = value;
            } else {
                testFlag = value;
            }
            return;
        }
        Matcher assign = ASSIGN.matcher(text);
        if (assign.find()) {
            bind(scope, assign.group(1), new Other(assign.group(1), line));
        }
    }

    private static final Pattern COMPOUND = Pattern.compile("^(?:if|elif|else|try|finally|while|for|with|except|async)\\b");

    /** The simple statement after the colon of a one-line compound statement ({@code try: x = 1}), else the text. */
    private static String inlineBody(String text) {
        if (!COMPOUND.matcher(text).find()) {
            return text;
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ':' && depth == 0 && (i + 1 >= text.length() || text.charAt(i + 1) != '=')) {
                return inlineBody(text.substring(i + 1).strip());
            }
        }
        return text;
    }

    /** The base-class expressions between the parentheses that open at {@code open}, without keywords. */
    private static List<String> bases(String text, int open) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out.stream().filter(b -> !b.isEmpty() && !b.contains("=") && !b.startsWith("*")).toList();
    }
}
