package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.SourceFile;
import java.util.List;

/** The syntax gate's parse-rate scopes (configured, else the seeds' defaults for the directories present), by name. */
public final class SyntaxScopes {

    /** One scope: its name and the globs of the files in it. */
    public record Scope(String name, List<String> include, List<Glob> globs) {
        public boolean contains(String path) {
            return Glob.any(globs, path);
        }
    }

    private SyntaxScopes() {
    }

    public static List<Scope> of(Config config, List<SourceFile> workspaceFiles) {
        SyntaxConfig syntax = config.section("syntax", SyntaxConfig.class);
        return SyntaxThresholds.resolve(syntax.thresholds(), workspaceFiles).stream()
                .map(s -> new Scope(s.name(), s.include(), s.globs())).toList();
    }
}
