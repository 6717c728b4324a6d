package io.github.recoverygates.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

    private volatile State state = new State(List.of(), new long[0], List.of());

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
        if (state.secrets.contains(value)) {
            return;
        }
        List<String> secrets = new ArrayList<>(state.secrets);
        secrets.add(value);
        for (String line : value.split("\\r?\\n|\\r")) {
            String l = line.strip();
            if (l.length() >= MIN_LENGTH && !l.equals(value) && !secrets.contains(l)) {
                secrets.add(l);
            }
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        List<String> shortOnes = secrets.stream().filter(s -> s.length() < GRAM).toList();
        long[] grams = secrets.stream().filter(s -> s.length() >= GRAM)
                .flatMapToLong(s -> java.util.stream.LongStream.range(0, s.length() - GRAM + 1)
                        .map(i -> hash(s, (int) i)))
                .distinct().sorted().toArray();
        state = new State(List.copyOf(secrets), grams, shortOnes);
    }

    /** Every secret remembered, sorted. */
    public Set<String> secrets() {
        return new TreeSet<>(state.secrets);
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
    private static String maskPieces(String text, State s) {
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
            if (Arrays.binarySearch(s.grams, h) >= 0 && isPiece(text, i, s)) {
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

    private static boolean isPiece(String text, int at, State s) {
        String piece = text.substring(at, at + GRAM);
        for (String secret : s.secrets) {
            if (secret.length() >= GRAM && secret.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    private static String maskByPlace(String text) {
        String out = text;
        if (out.contains("://")) {
            out = replaceSecondGroup(URL_PASSWORD, out);
        }
        if (out.indexOf('=') >= 0) {
            out = replaceSecondGroup(QUERY_SECRET, out);
        }
        if (out.indexOf(':') >= 0 || out.indexOf('=') >= 0) {
            out = replaceSecondGroup(HEADER_SECRET, out);
            out = replaceSecondGroup(COOKIE_SECRET, out);
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

    private record State(List<String> secrets, long[] grams, List<String> shortOnes) {
    }
}
