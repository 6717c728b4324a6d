package io.github.recoverygates.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which findings a pull request's feedback is about (reviewdog's filter modes): those on lines the
 * change added, those within the diff's context, those anywhere in a changed file, or all.
 */
public enum FilterMode implements LowerCaseId {
    ADDED, DIFF_CONTEXT, FILE, NOFILTER;

    public boolean accepts(Finding.DiffPosition position) {
        if (this == NOFILTER) {
            return true;
        }
        if (position == null) {
            return false;
        }
        return switch (this) {
            case ADDED -> position == Finding.DiffPosition.ADDED;
            case DIFF_CONTEXT -> position == Finding.DiffPosition.ADDED || position == Finding.DiffPosition.CONTEXT;
            case FILE -> position != Finding.DiffPosition.OUTSIDE;
            case NOFILTER -> true;
        };
    }

    public static FilterMode parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(m -> m.id().equals(t)).findFirst()
                .orElseThrow(() -> new ConfigException("--filter-mode must be one of "
                        + Arrays.stream(values()).map(FilterMode::id).collect(Collectors.joining(", ")) + ", got '" + text + "'"
                        + Suggest.didYouMean(text, Arrays.stream(values()).map(FilterMode::id).toList())));
    }
}
