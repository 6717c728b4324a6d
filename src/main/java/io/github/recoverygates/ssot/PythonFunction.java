package io.github.recoverygates.ssot;

import io.github.recoverygates.ssot.PythonStatements.Stmt;
import java.util.ArrayList;
import java.util.List;

/** A function definition being read: whether it is a check or a test, and the shapes of its body's statements. */
final class PythonFunction {
    final String name;
    final int line;
    final int col;
    final boolean check;
    final boolean test;
    final List<Stmt> body = new ArrayList<>();

    PythonFunction(String name, int line, int col, boolean check, boolean test) {
        this.name = name;
        this.line = line;
        this.col = col;
        this.check = check;
        this.test = test;
    }
}
