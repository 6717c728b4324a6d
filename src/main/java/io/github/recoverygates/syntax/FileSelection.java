package io.github.recoverygates.syntax;

import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.SourceFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which files the gate looks at: every file of an enabled language inside include/exclude; of those,
 * the ones this run checks ({@code selected}, by language) and the ones it leaves to the cache
 * ({@code notSelected}); {@code pythonInScope} is every Python file, checked or not (for the rates).
 */
record FileSelection(List<SourceFile> workspace, List<SourceFile> pythonInScope, List<SourceFile> notSelected,
                     Map<SyntaxConfig.Language, List<SourceFile>> selected) {

    static FileSelection of(List<SourceFile> workspaceFiles, Set<SyntaxConfig.Language> languages,
                            List<Glob> include, List<Glob> exclude, GateContext context) {
        List<SourceFile> pythonInScope = new ArrayList<>();
        List<SourceFile> notSelected = new ArrayList<>();
        Map<SyntaxConfig.Language, List<SourceFile>> selected = new EnumMap<>(SyntaxConfig.Language.class);
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            selected.put(l, new ArrayList<>());
        }
        for (SourceFile f : workspaceFiles) {
            SyntaxConfig.Language language = languageOf(f, languages);
            if (language == null || !include.isEmpty() && !Glob.any(include, f.path()) || Glob.any(exclude, f.path())) {
                continue;
            }
            if (language == SyntaxConfig.Language.PYTHON) {
                pythonInScope.add(f);
            }
            if (context.selected(f.path())) {
                selected.get(language).add(f);
            } else {
                notSelected.add(f);
            }
        }
        return new FileSelection(workspaceFiles, pythonInScope, notSelected, selected);
    }

    List<SourceFile> selected(SyntaxConfig.Language language) {
        return selected.get(language);
    }

    long selectedCount() {
        return selected.values().stream().mapToLong(List::size).sum();
    }

    static SyntaxConfig.Language languageOf(SourceFile f, Set<SyntaxConfig.Language> enabled) {
        String ext = f.extension();
        for (SyntaxConfig.Language l : enabled) {
            if (l.owns(ext)) {
                return l;
            }
        }
        return null;
    }
}
