package io.github.recoverygates.syntax.collection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static ModuleOutline of(String source, boolean tolerant) {
        ModuleOutline module = new ModuleOutline();
        Deque<Block> stack = new ArrayDeque<>();
        List<String> decorators = new ArrayList<>();
        for (LogicalLines.Line line : LogicalLines.of(source, tolerant)) {
            while (!stack.isEmpty() && stack.peek().indent() >= line.indent()) {
                stack.pop();
            }
            boolean inFunction = false;
            ClassDef owner = null;
            for (Block b : stack) {
                if (b.function()) {
                    inFunction = true;
                    break;
                }
                if (b.cls() != null) {
                    owner = b.cls();
                    break;
                }
            }
            Map<String, Member> scope = inFunction ? null : owner != null ? owner.members : module.members;
            String text = line.text();
            if (text.startsWith("@")) {
                decorators.add(text);
                continue;
            }
            Matcher def = text.startsWith("def") || text.startsWith("async") ? DEF.matcher(text) : null;
            if (def != null && def.find()) {
                boolean fixture = decorators.stream().anyMatch(d -> FIXTURE.matcher(d).find());
                if (scope != null) {
                    scope.remove(def.group(1));
                    scope.put(def.group(1), new Function(def.group(1), line.number(), fixture));
                }
                stack.push(new Block(line.indent(), null, true));
                decorators.clear();
                continue;
            }
            Matcher cls = text.startsWith("class") ? CLASS.matcher(text) : null;
            if (cls != null && cls.find()) {
                List<String> bases = cls.group(2) == null ? List.of() : bases(text, cls.end() - 1);
                boolean generated = decorators.stream().anyMatch(d -> GENERATED_INIT.matcher(d).find());
                ClassDef c = new ClassDef(cls.group(1), line.number(), bases, generated);
                if (scope != null) {
                    scope.remove(c.name);
                    scope.put(c.name, c);
                }
                stack.push(new Block(line.indent(), scope == null ? null : c, scope == null));
                decorators.clear();
                continue;
            }
            decorators.clear();
            if (scope == null) {
                continue;
            }
            if (text.indexOf('=') < 0) {
                continue;
            }
            text = inlineBody(text);
            Matcher flag = TEST_FLAG.matcher(text);
            if (text.startsWith("__test__") && flag.find()) {
                boolean value = flag.group(1).equals("True");
                if (owner != null) {
                    owner.testFlag = value;
                } else {
                    module.testFlag = value;
                }
                continue;
            }
            Matcher assign = ASSIGN.matcher(text);
            if (assign.find()) {
                scope.remove(assign.group(1));
                scope.put(assign.group(1), new Other(assign.group(1), line.number()));
            }
        }
        return module;
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
