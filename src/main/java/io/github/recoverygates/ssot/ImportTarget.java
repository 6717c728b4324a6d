package io.github.recoverygates.ssot;

/** Module names in one comparable form: dotted, so that "auth_service/core" and "auth_service.core" agree. */
final class ImportTarget {

    private ImportTarget() {
    }

    /** "auth_service/**" → "auth_service", "a/b/c.ts" → "a.b.c", "@org/pkg" → "@org.pkg". */
    static String normalize(String pattern) {
        String p = pattern.strip();
        while (true) {
            if (p.endsWith("/**")) {
                p = p.substring(0, p.length() - 3);
            } else if (p.endsWith("/*") || p.endsWith(".*")) {
                p = p.substring(0, p.length() - 2);
            } else if (p.endsWith("/") && p.length() > 1) {
                p = p.substring(0, p.length() - 1);
            } else {
                break;
            }
        }
        if (p.startsWith("./")) {
            p = p.substring(2);
        }
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (slash >= 0 && dot > slash && isSourceExtension(p.substring(dot + 1))) {
            p = p.substring(0, dot);
        }
        return p.replace('/', '.');
    }

    static boolean isSourceExtension(String ext) {
        return switch (ext) {
            case "py", "pyi", "java", "js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts" -> true;
            default -> false;
        };
    }

    /** Whether dotted {@code module} is {@code prefix} or inside it. */
    static boolean within(String module, String prefix) {
        return module.equals(prefix) || module.startsWith(prefix) && module.charAt(prefix.length()) == '.';
    }

    /** A repository path without its source extension, dotted: "a/b/c.ts" → "a.b.c". */
    static String fromPath(String path) {
        String p = path;
        if (p.endsWith(".d.ts")) {
            p = p.substring(0, p.length() - 5);
        } else {
            int slash = p.lastIndexOf('/');
            int dot = p.lastIndexOf('.');
            if (dot > slash) {
                p = p.substring(0, dot);
            }
        }
        if (p.endsWith("/__init__")) {
            p = p.substring(0, p.length() - 9);
        }
        return p.replace('/', '.');
    }
}
