package io.github.recoverygates.ssot;

import java.util.List;

/**
 * What one scan of one file found: its imports, definitions, the watched words (env aliases,
 * deprecated symbols) and fake-success patterns. Plain data, so it can live in the content cache.
 *
 * @param language   python, java, javascript, typescript or config
 * @param parseError why the file could not be tokenised cleanly, or null
 * @param packageName the Java package, or null
 */
public record FileFacts(String language, String parseError, String packageName, List<Import> imports,
                        List<Definition> definitions, List<Word> words, List<Fake> fakes) {

    public FileFacts {
        imports = imports == null ? List.of() : List.copyOf(imports);
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
        words = words == null ? List.of() : List.copyOf(words);
        fakes = fakes == null ? List.of() : List.copyOf(fakes);
    }

    public static FileFacts empty(String language) {
        return new FileFacts(language, null, null, List.of(), List.of(), List.of(), List.of());
    }

    public boolean parsed() {
        return parseError == null;
    }

    /**
     * One import statement (or one module of {@code import a, b}).
     *
     * @param module  the dotted module (Python, Java) or the specifier as written (JS/TS); "" for {@code from . import x}
     * @param level   leading dots of a Python relative import, else 0
     * @param names   the names of {@code from m import a, b} ("*" for a star import); empty otherwise
     * @param kind    import, from, java, static, esm, export, require, dynamic
     * @param guarded inside {@code try:} whose {@code except} catches ImportError
     */
    public record Import(String module, int level, List<String> names, int line, int column, String kind,
                         boolean guarded) {
        public Import {
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /** A class or function definition; {@code topLevel} when not nested in another block. */
    public record Definition(String name, String kind, int line, int column, boolean topLevel) {
    }

    /** A watched word in code or in a string literal (not in comments). */
    public record Word(String word, int line, int column, boolean inString) {
    }

    /**
     * A pattern of success that cannot fail.
     *
     * @param kind return-true, disabled-marker, trivial-test, service-skip
     */
    public record Fake(String kind, String name, int line, int column, String detail) {
    }
}
