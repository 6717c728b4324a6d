package io.github.recoverygates.ssot;

import java.util.Locale;

/** Which scanner reads a file, and whether it is a test or a generated stub. */
final class FileKinds {

    private FileKinds() {
    }

    /** python, java, javascript, typescript, config, or null for a file this gate does not read. */
    static String language(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        switch (ext) {
            case "py", "pyi":
                return "python";
            case "java":
                return "java";
            case "js", "jsx", "mjs", "cjs":
                return "javascript";
            case "ts", "tsx", "mts", "cts":
                return "typescript";
            case "yaml", "yml", "toml", "ini", "cfg", "conf", "json", "properties", "sh", "bash", "zsh", "env",
                    "dockerfile":
                return "config";
            default:
                break;
        }
        if (lower.startsWith(".env") || lower.startsWith("dockerfile") || lower.startsWith("containerfile")) {
            return "config";
        }
        return null;
    }

    /** Stubs and declaration files describe code defined elsewhere; their classes are not definitions. */
    static boolean declarationOnly(String path) {
        return path.endsWith(".pyi") || path.endsWith(".d.ts");
    }

    /** tests/, test_x.py, x_test.py, conftest.py, FooTest.java, src/test/, x.test.ts, x.spec.js, __tests__/. */
    static boolean isTest(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith("test_") || name.endsWith("_test.py") || name.equals("conftest.py")
                || name.endsWith("Test.java") || name.endsWith("Tests.java") || name.endsWith("IT.java")
                || name.contains(".test.") || name.contains(".spec.")) {
            return true;
        }
        String dirs = "/" + path.substring(0, Math.max(0, path.lastIndexOf('/') + 1));
        return dirs.contains("/tests/") || dirs.contains("/test/") || dirs.contains("/__tests__/")
                || dirs.contains("/testing/");
    }
}
