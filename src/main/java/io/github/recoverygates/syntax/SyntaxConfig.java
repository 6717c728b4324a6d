package io.github.recoverygates.syntax;

import io.github.recoverygates.syntax.collection.TestCollectionConfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code syntax:} section of {@code .recovery-gates.yml}. Every field is optional; the compact
 * constructor fills the defaults documented in {@code docs/syntax.md}.
 *
 * @param languages   which languages to check (default all: python, java, yaml, json, toml, typescript, javascript)
 * @param include     globs a file must match to be checked (default: every file of a checked language)
 * @param exclude     globs of files not to check, on top of the workspace excludes
 * @param maxFileSize a larger file is reported as a warning and not checked: bytes or "10MB", "512KB"
 * @param python      the interpreter and its worker pool
 * @param java        the javac parser settings
 * @param thresholds  minimum parse rates of Python files by glob scope; empty means the seeds' defaults
 * @param jsonc       globs of more JSON files read as JSON with comments and trailing commas, added to {@link #JSONC}
 * @param typescript  where node and the repository's typescript package are, and their worker pool
 */
public record SyntaxConfig(List<Language> languages, List<String> include, List<String> exclude,
                           String maxFileSize, Python python, JavaSettings java, List<Threshold> thresholds,
                           TestCollectionConfig testCollection, List<String> jsonc, TypeScript typescript) {

    /** The JSON files that editors and tools read with comments and trailing commas (JSONC). */
    public static final List<String> JSONC = List.of("**/tsconfig*.json", "**/jsconfig*.json", "**/.vscode/*.json",
            "**/.eslintrc.json", "**/*.jsonc");

    static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;

    public SyntaxConfig {
        languages = languages == null || languages.isEmpty() ? List.of(Language.values()) : List.copyOf(languages);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        maxFileSize = maxFileSize == null || maxFileSize.isBlank() ? "10MB" : maxFileSize.strip();
        parseSize(maxFileSize);
        python = python == null ? new Python(null, null, null, null) : python;
        java = java == null ? new JavaSettings(null, null) : java;
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        testCollection = testCollection == null ? TestCollectionConfig.defaults() : testCollection;
        jsonc = jsonc == null ? List.of() : List.copyOf(jsonc);
        typescript = typescript == null ? new TypeScript(null, null, null, null, null) : typescript;
    }

    /** The built-in JSONC globs and the configured ones. */
    public List<String> jsoncGlobs() {
        List<String> all = new java.util.ArrayList<>(JSONC);
        all.addAll(jsonc);
        return all;
    }

    /** {@link #maxFileSize} in bytes. */
    public long maxFileSizeBytes() {
        return parseSize(maxFileSize);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("maxFileSize '" + text + "' is not a size such as 10MB, 512KB or 1048576");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit.charAt(0)) {
            case 'k' -> n * 1024;
            case 'm' -> n * 1024 * 1024;
            case 'g' -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /** A language the gate can check, with the file names that belong to it. */
    public enum Language {
        PYTHON("py"), JAVA("java"), YAML("yml", "yaml"), JSON("json", "jsonc"), TOML("toml"),
        TYPESCRIPT("ts", "tsx", "mts", "cts"), JAVASCRIPT("js", "jsx", "mjs", "cjs");

        private final List<String> extensions;

        Language(String... extensions) {
            this.extensions = List.of(extensions);
        }

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Language of(String id) {
            for (Language l : values()) {
                if (l.id().equalsIgnoreCase(id.strip())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown language '" + id + "' (allowed: python, java, yaml, json, toml, typescript, javascript)");
        }

        public boolean owns(String extension) {
            return extensions.contains(extension.toLowerCase(Locale.ROOT));
        }

        public String ruleId() {
            return "syntax/" + id();
        }

        /** Checked by the repository's own TypeScript parser. */
        public boolean byTypeScript() {
            return this == TYPESCRIPT || this == JAVASCRIPT;
        }
    }

    /**
     * @param node      the node executable (default {@code node} on the run's PATH)
     * @param path      the typescript package directory, relative to the checked root or absolute
     *                  (default: for each file the {@code node_modules/typescript} node resolves from its directory)
     * @param timeout   per-file limit; a file that takes longer is an error finding (default 20s)
     * @param workers   node processes (default: one per core, at most 4)
     * @param batchSize paths sent to a worker at a time (default 64)
     */
    public record TypeScript(String node, String path, Duration timeout, Integer workers, Integer batchSize) {
        public TypeScript {
            node = node == null || node.isBlank() ? "node" : node.strip();
            path = path == null || path.isBlank() ? null : path.strip();
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("typescript.timeout must be positive");
            }
            if (workers != null && workers < 1) {
                throw new IllegalArgumentException("typescript.workers must be at least 1");
            }
            batchSize = batchSize == null ? 64 : batchSize;
            if (batchSize < 1) {
                throw new IllegalArgumentException("typescript.batchSize must be at least 1");
            }
        }
    }

    /**
     * @param interpreter the Python whose {@code compile()} decides (default {@code python3})
     * @param timeout     per-file limit; a file that takes longer is an error finding (default 20s)
     * @param workers     interpreter processes (default: one per core)
     * @param batchSize   paths sent to a worker at a time (default 64)
     */
    public record Python(String interpreter, Duration timeout, Integer workers, Integer batchSize) {
        public Python {
            interpreter = interpreter == null || interpreter.isBlank() ? "python3" : interpreter.strip();
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("python.timeout must be positive");
            }
            if (workers != null && workers < 1) {
                throw new IllegalArgumentException("python.workers must be at least 1");
            }
            batchSize = batchSize == null ? 64 : batchSize;
            if (batchSize < 1) {
                throw new IllegalArgumentException("python.batchSize must be at least 1");
            }
        }
    }

    /**
     * @param release the {@code --release} javac parses at (default 17)
     * @param parser  auto (javac when jdk.compiler is present, else JavaParser), javac or javaparser
     */
    public record JavaSettings(Integer release, JavaParserChoice parser) {
        public JavaSettings {
            release = release == null ? 17 : release;
            if (release < 7) {
                throw new IllegalArgumentException("java.release must be 7 or later");
            }
            parser = parser == null ? JavaParserChoice.AUTO : parser;
        }
    }

    public enum JavaParserChoice { AUTO, JAVAC, JAVAPARSER }

    /**
     * @param name    the scope's name in the report
     * @param include globs of the Python files in the scope
     * @param min     the percentage of them that must compile
     * @param allowEmpty whether a scope that matches no file passes (it fails by default: zero files is no evidence)
     */
    public record Threshold(String name, List<String> include, Double min, Boolean allowEmpty) {
        public Threshold(String name, List<String> include, Double min) {
            this(name, include, min, false);
        }

        public Threshold {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every threshold needs a name");
            }
            if (include == null || include.isEmpty()) {
                throw new IllegalArgumentException("threshold '" + name + "' needs include globs");
            }
            include = List.copyOf(include);
            if (min == null || min < 0 || min > 100) {
                throw new IllegalArgumentException("threshold '" + name + "' needs min: a percentage from 0 to 100");
            }
            allowEmpty = allowEmpty != null && allowEmpty;
        }
    }
}
