package io.github.recoverygates.repair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One change to a text: the characters {@code [start, end)} replaced by {@code text}. */
record Edit(int start, int end, String text) {

    static Edit insert(int at, String text) {
        return new Edit(at, at, text);
    }

    static Edit delete(int start, int end) {
        return new Edit(start, end, "");
    }

    /** Characters removed plus characters added, not counting what the old and the new text share at either end. */
    int size(String source) {
        String old = source.substring(start, end);
        int prefix = 0;
        int max = Math.min(old.length(), text.length());
        while (prefix < max && old.charAt(prefix) == text.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && old.charAt(old.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
            suffix++;
        }
        return old.length() + text.length() - 2 * (prefix + suffix);
    }

    /** Applies non-overlapping edits (in any order) to a text. */
    static String apply(String source, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        StringBuilder out = new StringBuilder(source.length() + 16);
        int at = 0;
        for (Edit e : sorted) {
            if (e.start < at) {
                throw new IllegalArgumentException("overlapping edits");
            }
            out.append(source, at, e.start).append(e.text);
            at = e.end;
        }
        out.append(source, at, source.length());
        return out.toString();
    }

    /** Where an offset of the edited text was in the text before the edits. */
    static int before(List<Edit> edits, int offsetAfter) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start));
        int shift = 0;
        for (Edit e : sorted) {
            int newStart = e.start + shift;
            if (offsetAfter < newStart) {
                break;
            }
            int newEnd = newStart + e.text.length();
            if (offsetAfter < newEnd) {
                return e.start; // inside inserted text: where the edit was
            }
            shift += e.text.length() - (e.end - e.start);
        }
        return offsetAfter - shift;
    }
}
