package io.github.recoverygates.core;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers every secret value the run has seen and removes them from any text before it is
 * printed or written. Also masks the password of {@code scheme://user:password@host} URLs.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:)([^@\\s/]+)@");
    private static final Pattern SECRET_NAME = Pattern.compile("SECRET|TOKEN|PASSWORD|KEY", Pattern.CASE_INSENSITIVE);
    /** Shorter values are not masked: masking "1" or "ab" everywhere would destroy reports. */
    private static final int MIN_LENGTH = 4;

    private final Set<String> secrets = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    /** Whether a variable with this name holds a secret by DESIGN.md's naming rule. */
    public static boolean isSecretName(String variableName) {
        return SECRET_NAME.matcher(variableName).find();
    }

    public void register(String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            secrets.add(value);
        }
    }

    public Set<String> secrets() {
        return Set.copyOf(secrets);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        if (!out.contains("://")) {
            return out; // the URL pattern backtracks over long words; no scheme, no URL password
        }
        Matcher m = URL_PASSWORD.matcher(out);
        return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + "@")) : out;
    }
}
