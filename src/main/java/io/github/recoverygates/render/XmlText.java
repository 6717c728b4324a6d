package io.github.recoverygates.render;

/** The XML sink's cleaner (JUnit): XML 1.0 cannot carry most control characters, not even escaped. */
final class XmlText {

    private XmlText() {
    }

    /** Jackson escapes markup; what XML cannot carry at all becomes U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        if (carriesAll(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(ok ? c : 0xFFFD);
        });
        return out.toString();
    }

    /** Whether every char is one XML carries as it is (the common case: nothing to replace). */
    private static boolean carriesAll(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 ? c != 0x9 && c != 0xA && c != 0xD : c > 0xD7FF) {
                return false;
            }
        }
        return true;
    }
}
