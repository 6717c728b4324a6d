package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.SourceFile;
import java.util.List;
import java.util.Map;

/** Parses Java sources (syntax only, no attribution) and reports their errors per file. */
interface JavaSyntax extends AutoCloseable {

    /** Findings per relative path; a file without errors maps to an empty list. */
    Map<String, List<Finding>> parse(List<SourceFile> batch);

    /** The parser's name for the report's details. */
    String name();

    /** Releases what the parser keeps between batches. */
    @Override
    default void close() {
    }

    /** javac's parser when the JDK compiler is present (or asked for), else JavaParser. */
    static JavaSyntax create(SyntaxConfig.JavaSettings settings) {
        boolean javacPresent = javax.tools.ToolProvider.getSystemJavaCompiler() != null;
        return switch (settings.parser()) {
            case JAVAPARSER -> new JavaParserSyntax(settings.release());
            case JAVAC -> {
                if (!javacPresent) {
                    throw new IllegalStateException("syntax.java.parser is javac but this Java runtime has no jdk.compiler module");
                }
                yield new JavacSyntax(settings.release());
            }
            case AUTO -> javacPresent ? new JavacSyntax(settings.release()) : new JavaParserSyntax(settings.release());
        };
    }
}
