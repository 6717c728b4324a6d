package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

/**
 * The interpreter's verdict on a file that does not compile: the syntax gate's category, CPython's
 * message and position (1-based; the column counted in code points, as CPython counts it).
 */
record Failure(String category, String message, int line, int column) {

    Failure {
        category = category == null ? PythonCategory.OTHER : category;
        message = message == null ? "" : message;
    }
}
