package io.github.recoverygates.ssot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the scanners look for beyond imports and definitions, derived from the config: the words
 * to find (env aliases, deprecated symbols), the markers that must not be commented out, the
 * check-function names and the skip reasons that betray a real-service requirement.
 */
record ScanSpec(Set<String> words, Set<String> wordsInStrings, List<String> markers, List<Pattern> checkNames,
                Pattern skipReasons, boolean fakeSuccess, Map<String, Boolean> checkNameMemo) {

    static ScanSpec of(SsotConfig config) {
        Set<String> aliases = config.aliasToCanonical().keySet();
        java.util.TreeSet<String> words = new java.util.TreeSet<>(aliases);
        words.addAll(config.deprecatedSymbols());
        List<Pattern> names = config.fakeSuccess().checkNames().stream().map(ScanSpec::nameGlob).toList();
        return new ScanSpec(words, new java.util.TreeSet<>(aliases), config.fakeSuccess().disabledMarkers(), names,
                Pattern.compile(config.fakeSuccess().skipReasons()), config.fakeSuccess().enabled(),
                new ConcurrentHashMap<>());
    }

    /** A salt for the cache: everything that changes what a scan records. */
    String fingerprint() {
        return String.join(",", words) + "|" + String.join(",", wordsInStrings) + "|" + String.join(",", markers)
                + "|" + checkNames + "|" + skipReasons.pattern() + "|" + fakeSuccess;
    }

    /** Whether a function name (snake_case, or camelCase turned into snake_case) is a check. */
    boolean isCheckName(String name) {
        Boolean known = checkNameMemo.get(name);
        if (known == null) {
            known = matchesCheckName(name);
            if (checkNameMemo.size() < 100_000) {
                checkNameMemo.put(name, known);
            }
        }
        return known;
    }

    private boolean matchesCheckName(String name) {
        String snake = snake(name);
        for (Pattern p : checkNames) {
            if (p.matcher(snake).matches()) {
                return true;
            }
        }
        return false;
    }

    static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && name.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static Pattern nameGlob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Start offsets of whole-word occurrences of {@code word} in {@code text} (word chars: letters, digits, _). */
    static void findWholeWords(String text, String word, java.util.function.IntConsumer at) {
        int from = 0;
        while (true) {
            int i = text.indexOf(word, from);
            if (i < 0) {
                return;
            }
            int end = i + word.length();
            boolean left = i == 0 || !isWordChar(text.charAt(i - 1));
            boolean right = end >= text.length() || !isWordChar(text.charAt(end));
            if (left && right) {
                at.accept(i);
            }
            from = i + 1;
        }
    }

    static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
