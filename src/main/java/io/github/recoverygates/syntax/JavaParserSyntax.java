package io.github.recoverygates.syntax;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fallback where {@code jdk.compiler} is absent (a JRE): JavaParser at the nearest language level. */
final class JavaParserSyntax implements JavaSyntax {

    private final int release;
    private final ParserConfiguration.LanguageLevel level;

    JavaParserSyntax(int release) {
        this.release = release;
        this.level = levelFor(release);
    }

    @Override
    public String name() {
        return "JavaParser " + level;
    }

    static ParserConfiguration.LanguageLevel levelFor(int release) {
        ParserConfiguration.LanguageLevel best = ParserConfiguration.LanguageLevel.JAVA_8;
        for (ParserConfiguration.LanguageLevel l : ParserConfiguration.LanguageLevel.values()) {
            String n = l.name();
            if (!n.matches("JAVA_\\d+")) {
                continue;
            }
            int v = Integer.parseInt(n.substring(5));
            if (v <= release && v > Integer.parseInt(best.name().substring(5))) {
                best = l;
            }
        }
        return best;
    }

    @Override
    public Map<String, List<Finding>> parse(List<SourceFile> batch) {
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(level)
                .setCharacterEncoding(StandardCharsets.UTF_8));
        Map<String, List<Finding>> out = new HashMap<>();
        for (SourceFile f : batch) {
            List<Finding> findings = new ArrayList<>();
            try {
                String text = new String(Files.readAllBytes(f.absolute()), StandardCharsets.UTF_8);
                ParseResult<CompilationUnit> result = parser.parse(text);
                for (Problem p : result.getProblems()) {
                    int line = 0;
                    int column = 0;
                    int endLine = 0;
                    int endColumn = 0;
                    if (p.getLocation().isPresent() && p.getLocation().get().getBegin().getRange().isPresent()) {
                        var range = p.getLocation().get().getBegin().getRange().get();
                        line = range.begin.line;
                        column = range.begin.column;
                        endLine = range.end.line;
                        endColumn = range.end.column;
                    }
                    findings.add(Finding.builder(SyntaxConfig.Language.JAVA.ruleId(), Severity.ERROR).category("java").file(f.path()).at(line, column).message(firstLine(p.getMessage())).end(endLine, endColumn).build());
                }
            } catch (IOException e) {
                findings.add(Finding.builder(SyntaxConfig.Language.JAVA.ruleId(), Severity.ERROR).category("unreadable").file(f.path()).message("cannot read file: " + e.getMessage()).build());
            }
            out.put(f.path(), findings);
        }
        return out;
    }

    int release() {
        return release;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
