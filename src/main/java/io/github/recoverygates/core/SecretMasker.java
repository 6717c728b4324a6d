package io.github.recoverygates.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers every secret value the run has seen and removes them from any text before it is
 * printed or written — whole, and in part: no {@value #GRAM}-character piece of a secret survives
 * (a value cut by a probe, wrapped by a renderer, or split across lines is still caught). It also
 * masks what is a secret by its place: the password of {@code scheme://user:password@host}, URL
 * query parameters named like secrets ({@code ?token=}, {@code &sig=}), and the values of
 * credential headers ({@code Authorization}, {@code Cookie}, {@code X-Api-Key}, {@code *-Token}).
 * Thread-safe: gates register tokens from many threads.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    /** The length of the pieces of a secret that are masked wherever they appear. */
    static final int GRAM = 8;
    /** Shorter values are not masked: masking "1" or "ab" everywhere would destroy reports. */
    private static final int MIN_LENGTH = 4;
    private static final Set<String> SECRET_WORDS = Set.of("SECRET", "SECRETS", "TOKEN", "TOKENS", "PASSWORD",
            "PASSWD", "PASSPHRASE", "KEY", "APIKEY", "PRIVATEKEY", "CREDENTIAL", "CREDENTIALS", "PAT");
    private static final Pattern NAME_PARTS = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern PLAIN_WORD = Pattern.compile("[a-z]+|[A-Z][a-z]+|[A-Z]+|true|false|null|none");
    private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:)([^@\\s/]+)@");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "([?&;][A-Za-z0-9_.-]*(?i:token|key|secret|password|passwd|sig|signature|auth|credential)[A-Za-z0-9_.-]*=)"
                    + "([^&#\\s\"'<>]+)");
    private static final Pattern HEADER_SECRET = Pattern.compile(
            "(?i)(\\b(?:authorization|proxy-authorization|x-api-key|api-key|x-auth-token|[a-z0-9-]*-token)\"?\\s*[:=]\\s*\"?"
                    + "(?:(?:bearer|basic|token|digest|negotiate)\\s+)?)([^\\s\",;]+)");
    private static final Pattern COOKIE_SECRET = Pattern.compile("(?i)(\\b(?:set-)?cookie\"?\\s*[:=]\\s*\"?)([^\\r\\n\"]+)");

    /** What {@link #mask} reads without a lock: replaced whole by {@link #register}. */
    private volatile State state = new State(new long[0][], List.of());
    /** Every secret remembered, in registration order; guarded by {@code this}. */
    private final List<String> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** Whether a variable with this name holds a secret: a word of it is SECRET, TOKEN, PASSWORD, KEY, … */
    public static boolean isSecretName(String variableName) {
        if (variableName == null) {
            return false;
        }
        for (String part : NAME_PARTS.split(variableName)) {
            if (SECRET_WORDS.contains(part.toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Remembers a secret. Values under {@value #MIN_LENGTH} characters, and short plain words
     * ({@code other}, {@code true}) that no real secret is, are not masked: they would rewrite
     * ordinary text. Every line of a multi-line value is remembered too.
     */
    public synchronized void register(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return;
        }
        if (value.length() < GRAM && PLAIN_WORD.matcher(value).matches()) {
            return;
        }
        if (!seen.add(value)) {
            return;
        }
        List<String> added = new ArrayList<>();
        added.add(value);
        for (String line : value.split("\\r?\\n|\\r")) {
            String l = line.strip();
            if (l.length() >= MIN_LENGTH && !l.equals(value) && seen.add(l)) {
                added.add(l);
            }
        }
        all.addAll(added);
        // the pieces of the new secrets join the index as one more sorted run; runs of similar size are
        // merged, so a run of thousands of registrations (a token per journey) stays linear, not quadratic
        long[] fresh = added.stream().filter(x -> x.length() >= GRAM)
                .flatMapToLong(x -> java.util.stream.LongStream.range(0, x.length() - GRAM + 1).map(i -> hash(x, (int) i)))
                .distinct().sorted().toArray();
        List<long[]> runs = new ArrayList<>(Arrays.asList(state.grams));
        if (fresh.length > 0) {
            runs.add(fresh);
        }
        while (runs.size() > 1 && runs.get(runs.size() - 2).length <= 2L * runs.get(runs.size() - 1).length) {
            long[] merged = merge(runs.remove(runs.size() - 2), runs.remove(runs.size() - 1));
            runs.add(merged);
        }
        List<String> shortOnes = state.shortOnes;
        if (added.stream().anyMatch(x -> x.length() < GRAM)) {
            List<String> sorted = new ArrayList<>(shortOnes);
            added.stream().filter(x -> x.length() < GRAM).forEach(sorted::add);
            sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
            shortOnes = List.copyOf(sorted);
        }
        state = new State(runs.toArray(long[][]::new), shortOnes);
    }

    /** The sorted union of two sorted arrays without duplicates. */
    private static long[] merge(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next = j >= b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Every secret remembered, sorted. */
    public synchronized Set<String> secrets() {
        return new TreeSet<>(all);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        State s = state;
        String out = s.grams.length == 0 ? text : maskPieces(text, s);
        for (String secret : s.shortOnes) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return maskByPlace(out);
    }

    /** Replaces every run of text that contains a {@value #GRAM}-character piece of a secret. */
    private String maskPieces(String text, State s) {
        int n = text.length();
        if (n < GRAM) {
            return text;
        }
        boolean[] covered = null;
        long h = 0;
        for (int i = 0; i < GRAM; i++) {
            h = h * BASE + text.charAt(i);
        }
        for (int i = 0; ; i++) {
            if (s.contains(h) && isPiece(text, i)) {
                if (covered == null) {
                    covered = new boolean[n];
                }
                Arrays.fill(covered, i, i + GRAM, true);
            }
            if (i + GRAM >= n) {
                break;
            }
            h = h * BASE + text.charAt(i + GRAM) - text.charAt(i) * TOP;
        }
        if (covered == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (!covered[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !covered[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    /** Whether the piece whose hash matched is really part of a secret (not a hash collision). */
    private synchronized boolean isPiece(String text, int at) {
        String piece = text.substring(at, at + GRAM);
        for (String secret : all) {
            if (secret.length() >= GRAM && secret.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each pattern runs only on text holding what it cannot match without (its separators, and for the
     * header and cookie patterns their names, compared as the patterns do: ASCII letters in any case).
     */
    private static String maskByPlace(String text) {
        String out = text;
        if (out.contains("://") && out.indexOf('@') >= 0) {
            out = replaceSecondGroup(URL_PASSWORD, out);
        }
        if (out.indexOf('=') >= 0 && (out.indexOf('?') >= 0 || out.indexOf('&') >= 0 || out.indexOf(';') >= 0)) {
            out = replaceSecondGroup(QUERY_SECRET, out);
        }
        if (out.indexOf(':') >= 0 || out.indexOf('=') >= 0) {
            String lower = out.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("authorization") || lower.contains("api-key") || lower.contains("-token")) {
                out = replaceSecondGroup(HEADER_SECRET, out);
            }
            if (lower.contains("cookie")) {
                out = replaceSecondGroup(COOKIE_SECRET, out);
            }
        }
        return out;
    }

    private static String replaceSecondGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + MASK + (pattern == URL_PASSWORD ? "@" : "")));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static final long BASE = 1_000_003L;
    private static final long TOP = pow(BASE, GRAM);

    private static long pow(long b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= b;
        }
        return r;
    }

    private static long hash(String s, int from) {
        long h = 0;
        for (int i = from; i < from + GRAM; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    /** The hashes of every {@value #GRAM}-character piece, in a few sorted runs; the short secrets, longest first. */
    private record State(long[][] grams, List<String> shortOnes) {
        boolean contains(long hash) {
            for (long[] run : grams) {
                if (Arrays.binarySearch(run, hash) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
