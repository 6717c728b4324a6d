package io.github.recoverygates.ssot;

import io.github.recoverygates.ssot.PythonLines.Tok;
import java.util.List;
import java.util.Set;

/** What one logical line of Python tokens is: compound headers, import names, the shape of a statement in a body. */
final class PythonStatements {

    static final Set<String> COMPOUND = Set.of("if", "elif", "else", "try", "except", "finally", "while",
            "for", "with", "def", "class", "async");

    private PythonStatements() {
    }

    static final Set<String> IMPORT_CATCHERS = Set.of("ImportError", "ModuleNotFoundError", "Exception",
            "BaseException");

    static final Set<String> SUCCESS_WORDS = Set.of("ok", "success", "succeeded", "healthy", "pass", "passed",
            "valid", "up", "green", "true");

    /** Statement shapes that matter to a function body's verdict. */
    enum Stmt { DOC, PASS, ELLIPSIS, RETURN_SUCCESS, ASSERT_TRUE, OTHER }

    /** "@require_docker_services()", "@pytest.mark.x", "pytestmark = pytest.mark.x": a marker switched off by a '#'. */
    static boolean isDisabledMarker(String comment, String marker) {
        String stripped = comment;
        while (stripped.startsWith("#")) {
            stripped = stripped.substring(1).strip();
        }
        String c = stripped;
        boolean[] found = new boolean[1];
        ScanSpec.findWholeWords(c, marker, at -> {
            String before = c.substring(0, at);
            if (before.startsWith("@") && before.matches("@\\s*([A-Za-z_][\\w]*\\s*\\.\\s*)*")
                    || before.endsWith("mark.")) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** {@code match x:} and {@code case p:} (soft keywords), told apart from {@code match = 1} or {@code match(x)}. */
    static boolean softCompound(List<Tok> toks) {
        String kw = toks.get(0).text();
        if (!kw.equals("match") && !kw.equals("case") || toks.size() < 3) {
            return false;
        }
        String second = toks.get(1).text();
        boolean ellipsis = second.equals(".") && toks.get(2).text().equals(".");
        if (toks.get(1).type() == PythonLines.OP && !ellipsis && (second.equals("=") || second.equals(".") || second.equals(":")
                || second.equals(",") || second.equals(")"))) {
            return false;
        }
        int colon = headerColon(toks);
        if (colon < 2) {
            return false;
        }
        return kw.equals("case") || colon == toks.size() - 1;
    }

    static boolean inlineCompound(List<Tok> part) {
        if (part.isEmpty() || part.get(0).type() != PythonLines.NAME
                || !COMPOUND.contains(part.get(0).text()) && !softCompound(part)) {
            return false;
        }
        int colon = headerColon(part);
        return colon >= 0 && colon + 1 < part.size();
    }

    static int headerColon(List<Tok> toks) {
        int depth = 0;
        int lambdas = 0;
        for (int k = 1; k < toks.size(); k++) {
            Tok t = toks.get(k);
            if (t.type() == PythonLines.NAME && depth == 0 && t.text().equals("lambda")) {
                lambdas++;
            }
            if (t.type() != PythonLines.OP) {
                continue;
            }
            switch (t.text()) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                case ":" -> {
                    boolean walrus = k + 1 < toks.size() && toks.get(k + 1).text().equals("=")
                            && toks.get(k + 1).col() == t.col() + 1 && toks.get(k + 1).line() == t.line();
                    if (depth == 0 && !walrus) {
                        if (lambdas > 0) {
                            lambdas--; // "for f in lambda c: c.copy(), copy.copy:" - that colon is the lambda's
                        } else {
                            return k;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    static Tok nameAfter(List<Tok> toks, String keyword) {
        for (int k = 0; k + 1 < toks.size(); k++) {
            if (toks.get(k).type() == PythonLines.NAME && toks.get(k).text().equals(keyword) && toks.get(k + 1).type() == PythonLines.NAME) {
                return toks.get(k + 1);
            }
        }
        return null;
    }

    static boolean catchesImportError(List<Tok> header) {
        if (header.size() == 1) {
            return true; // a bare except catches everything
        }
        for (Tok t : header) {
            if (t.type() == PythonLines.NAME && IMPORT_CATCHERS.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    static int dotted(List<Tok> toks, int k, StringBuilder out) {
        while (k < toks.size()) {
            Tok t = toks.get(k);
            if (t.type() == PythonLines.NAME && !t.text().equals("import") && !t.text().equals("as")
                    && (out.length() == 0 || out.charAt(out.length() - 1) == '.')) {
                out.append(t.text());
            } else if (t.type() == PythonLines.OP && t.text().equals(".") && out.length() > 0) {
                out.append('.');
            } else {
                break;
            }
            k++;
        }
        return k;
    }

    static Stmt classify(List<Tok> toks) {
        Tok first = toks.get(0);
        boolean allStrings = true;
        for (Tok t : toks) {
            allStrings &= t.type() == PythonLines.STRING;
        }
        if (allStrings) {
            return Stmt.DOC;
        }
        if (toks.size() == 1 && first.text().equals("pass")) {
            return Stmt.PASS;
        }
        if (toks.size() == 3 && toks.stream().allMatch(t -> t.text().equals("."))) {
            return Stmt.ELLIPSIS;
        }
        if (first.type() == PythonLines.NAME && first.text().equals("assert") && toks.size() >= 2 && toks.get(1).text().equals("True")
                && (toks.size() == 2 || toks.get(2).text().equals(","))) {
            return Stmt.ASSERT_TRUE;
        }
        if (first.type() == PythonLines.NAME && first.text().equals("return") && toks.size() >= 2 && constantSuccess(toks.subList(1, toks.size()))) {
            return Stmt.RETURN_SUCCESS;
        }
        return Stmt.OTHER;
    }

    /** True, (True, "msg"), {"status": "ok"}: literals only, saying success, never False. */
    static boolean constantSuccess(List<Tok> expr) {
        boolean success = false;
        for (Tok t : expr) {
            switch (t.type()) {
                case PythonLines.NAME -> {
                    if (t.text().equals("True")) {
                        success = true;
                    } else if (!t.text().equals("None")) {
                        return false;
                    }
                }
                case PythonLines.STRING -> success |= SUCCESS_WORDS.contains(t.text().strip().toLowerCase(java.util.Locale.ROOT));
                case PythonLines.NUMBER -> {
                }
                default -> {
                    if (!"()[]{},:".contains(t.text())) {
                        return false;
                    }
                }
            }
        }
        return success;
    }
}
