package io.github.recoverygates.render;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version as the build stamped it, for {@code --version}, SARIF's tool.driver and the report footers. */
public final class ToolVersion {

    public static final String NAME = "recovery-gates";
    /** Where the project and its documentation live (SARIF's informationUri and rule help). */
    public static final String PROJECT_URL = "https://github.com/recoverygates/recovery-gates";
    private static final String VERSION = find();

    private ToolVersion() {
    }

    public static String version() {
        return VERSION;
    }

    private static String find() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException ignored) {
            // fall through: a version we cannot read is reported as a development build
        }
        return "0.0.0-dev";
    }
}
