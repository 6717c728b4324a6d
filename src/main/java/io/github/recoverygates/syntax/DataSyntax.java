package io.github.recoverygates.syntax;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML (every document of a stream), JSON (exactly one value) and TOML, read token by token with
 * Jackson so that nothing is built in memory; the first error gives line and column.
 */
final class DataSyntax {

    private static final StreamReadConstraints UNLIMITED = StreamReadConstraints.builder()
            .maxNestingDepth(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .build();

    private final JsonFactory json = JsonFactory.builder().streamReadConstraints(UNLIMITED).build();
    /** JSON with comments ({@code //}, {@code /* *}{@code /}) and trailing commas, as tsconfig and VS Code read it. */
    private final JsonFactory jsonc = JsonFactory.builder().streamReadConstraints(UNLIMITED)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    /** The file size limit (syntax.maxFileSize) bounds what is read; the parser's own 3 M code-point cap must not. */
    private static final org.yaml.snakeyaml.LoaderOptions YAML_OPTIONS = yamlOptions();
    private final YAMLFactory yaml = YAMLFactory.builder().streamReadConstraints(UNLIMITED).loaderOptions(YAML_OPTIONS).build();
    private final TomlFactory toml = TomlFactory.builder().streamReadConstraints(UNLIMITED).build();
    private final TomlMapper tomlMapper = new TomlMapper(toml);

    private static org.yaml.snakeyaml.LoaderOptions yamlOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    /** The findings for one file of {@code language} (YAML, JSON or TOML); empty when it parses. */
    List<Finding> check(SourceFile file, SyntaxConfig.Language language) {
        return check(file, language, false);
    }

    /**
     * As {@link #check(SourceFile, SyntaxConfig.Language)}; {@code comments}: a JSON file is read as
     * JSONC (comments and trailing commas allowed, everything else as strict).
     */
    List<Finding> check(SourceFile file, SyntaxConfig.Language language, boolean comments) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.absolute());
        } catch (IOException e) {
            return List.of(Finding.builder(language.ruleId(), Severity.ERROR).category("unreadable").file(file.path()).message("cannot read file: " + e.getMessage()).build());
        }
        try {
            switch (language) {
                case JSON -> checkJson(comments ? jsonc : json, bytes, file, language);
                case YAML -> drain(yaml.createParser(bytes));
                case TOML -> tomlMapper.readTree(bytes);
                default -> throw new IllegalArgumentException(language.id());
            }
            return List.of();
        } catch (Located e) {
            return List.of(e.finding);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                String context = y.getContext() == null ? "" : y.getContext().strip() + ": ";
                String problem = y.getProblem() == null ? e.getOriginalMessage() : y.getProblem();
                return List.of(Finding.builder(language.ruleId(), Severity.ERROR).category(language.id()).file(file.path()).at(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1).message((context + problem).strip()).build());
            }
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
            return List.of(Finding.builder(language.ruleId(), Severity.ERROR).category(language.id()).file(file.path()).at(line, column).message(e.getOriginalMessage().strip()).build());
        } catch (IOException | RuntimeException e) {
            return List.of(Finding.builder(language.ruleId(), Severity.ERROR).category(language.id()).file(file.path()).message("cannot parse: " + e.getMessage()).build());
        }
    }

    private static void checkJson(JsonFactory factory, byte[] bytes, SourceFile file, SyntaxConfig.Language language)
            throws IOException {
        try (JsonParser p = factory.createParser(bytes)) {
            int roots = 0;
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (depth == 0) {
                    if (++roots > 1) {
                        JsonLocation loc = p.currentTokenLocation();
                        throw new Located(Finding.builder(language.ruleId(), Severity.ERROR).category(language.id()).file(file.path()).at(loc.getLineNr(), loc.getColumnNr()).message("more than one JSON value: unexpected "
                                        + p.getText() + " after the end of the document").build());
                    }
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
            if (roots == 0) {
                throw new Located(Finding.builder(language.ruleId(), Severity.ERROR).category(language.id()).file(file.path()).at(1, 1).message("no JSON value: the file is empty").build());
            }
        }
    }

    private static void drain(JsonParser p) throws IOException {
        try (p) {
            while (p.nextToken() != null) {
                // reading every token is the check
            }
        }
    }

    /** A finding made by our own check (not the parser's exception). */
    private static final class Located extends IOException {
        private final transient Finding finding;

        Located(Finding finding) {
            super(finding.message());
            this.finding = finding;
        }
    }
}
