package io.github.recoverygates.ssot;

import static io.github.recoverygates.core.RelativePaths.normalize;
import static io.github.recoverygates.core.RelativePaths.join;
import static io.github.recoverygates.core.RelativePaths.parent;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves imports to this repository's files: Python modules and packages (regular and namespace)
 * under the source roots, relative imports against the importer's package, JS/TS relative
 * specifiers and tsconfig/jsconfig {@code paths} aliases. Works from the walked file list, and
 * looks at the disk only for a path the walk excluded.
 */
final class ModuleResolver {

    private static final String[] JS_EXTENSIONS = {".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts",
            ".cts", ".json"};

    /** tsconfig.json is JSON with comments; its reader is made when a tsconfig is first read. */
    private static final class Lenient {
        static final ObjectMapper JSON = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .build();
    }

    /**
     * Where an import leads.
     *
     * @param targets  dotted names for boundary and deprecation matching (one per imported name)
     * @param internal whether the import names this repository's own code
     * @param missing  when internal: why it resolves to nothing, else null
     * @param missingPath when a Python module is missing: its path without extension ("a/b/gone"), else null
     */
    record Resolution(List<String> targets, boolean internal, String missing, String missingPath) {
        Resolution(List<String> targets, boolean internal, String missing) {
            this(targets, internal, missing, null);
        }
    }

    /** Why a Python module is missing, and the path (without extension) where it was looked for. */
    private record Missing(String message, String path) {
    }

    private record TsConfig(String dir, String baseUrl, Map<String, List<String>> paths) {
    }

    private final Path root;
    private final Set<String> files;
    private final Set<String> dirs = new HashSet<>();
    private final SourceRoots roots;
    private final List<String> sourceRoots;
    private final Set<String> topLevelPackages = new HashSet<>();
    private final Map<String, TsConfig> tsConfigs = new ConcurrentHashMap<>();
    private final Map<String, Boolean> diskChecks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dirChecks = new ConcurrentHashMap<>();

    private final Set<String> emptyFiles;

    /**
     * @param emptyFiles paths of zero-byte files: an empty {@code __init__.py} can only offer submodules
     */
    ModuleResolver(Path root, Collection<String> paths, Set<String> emptyFiles, SourceRoots sourceRoots) {
        this.root = root;
        this.emptyFiles = emptyFiles;
        this.files = new HashSet<>(paths);
        this.roots = sourceRoots;
        this.sourceRoots = sourceRoots.roots();
        for (String p : paths) {
            int slash = p.lastIndexOf('/');
            while (slash > 0) {
                String dir = p.substring(0, slash);
                if (!dirs.add(dir)) {
                    break;
                }
                slash = dir.lastIndexOf('/');
            }
        }
        for (String p : paths) {
            if (!p.endsWith(".py")) {
                continue;
            }
            for (String r : this.sourceRoots) {
                String rel = r.isEmpty() ? p : p.startsWith(r + "/") ? p.substring(r.length() + 1) : null;
                if (rel == null) {
                    continue;
                }
                String[] parts = rel.split("/");
                if (parts.length == 2) {
                    topLevelPackages.add(r.isEmpty() ? parts[0] : r + "/" + parts[0]);
                }
                break;
            }
        }
    }

    /** "netra_backend" when it is a top-level Python package of this repository (under some source root). */
    boolean isOwnPackage(String first) {
        for (String r : sourceRoots) {
            if (topLevelPackages.contains(r.isEmpty() ? first : r + "/" + first)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- Python

    Resolution python(String importer, FileFacts.Import imp) {
        if (imp.level() > 0) {
            String base = parent(importer);
            for (int i = 1; i < imp.level(); i++) {
                if (base.isEmpty()) {
                    return new Resolution(List.of(), true, "relative import goes above the top of the repository");
                }
                base = parent(base);
            }
            String modulePath = imp.module().isEmpty() ? base : join(base, imp.module().replace('.', '/'));
            String dotted = dottedFromPath(modulePath);
            List<String> targets = targets(dotted, imp);
            Missing missing = pythonMissing(modulePath, imp, "." .repeat(imp.level()) + imp.module());
            return missing == null ? new Resolution(targets, true, null)
                    : new Resolution(targets, true, missing.message(), missing.path());
        }
        String first = imp.module().contains(".") ? imp.module().substring(0, imp.module().indexOf('.')) : imp.module();
        List<String> targets = targets(imp.module(), imp);
        if (!isOwnPackage(first)) {
            return new Resolution(targets, false, null);
        }
        Missing best = null;
        for (String r : sourceRoots) {
            if (!topLevelPackages.contains(r.isEmpty() ? first : r + "/" + first)) {
                continue;
            }
            Missing missing = pythonMissing(join(r, imp.module().replace('.', '/')), imp, imp.module());
            if (missing == null) {
                return new Resolution(targets, true, null);
            }
            best = best == null ? missing : best;
        }
        return best == null ? new Resolution(targets, true, null) : new Resolution(targets, true, best.message(), best.path());
    }

    private static List<String> targets(String module, FileFacts.Import imp) {
        if (!imp.kind().equals("from") || imp.names().isEmpty()) {
            return List.of(module);
        }
        List<String> out = new ArrayList<>();
        for (String n : imp.names()) {
            out.add(n.equals("*") ? module : module.isEmpty() ? n : module + "." + n);
        }
        return out;
    }

    /** Why {@code modulePath} (and the names a from-import takes from it) does not exist, or null. */
    private Missing pythonMissing(String modulePath, FileFacts.Import imp, String shown) {
        String kind = pythonKind(modulePath);
        if (kind == null) {
            String where = modulePath.isEmpty() ? "the repository root" : modulePath + ".py or " + modulePath + "/";
            return new Missing("no module " + shown + " (looked for " + where + ")", modulePath.isEmpty() ? null : modulePath);
        }
        boolean onlySubmodules = kind.equals("namespace")
                || kind.equals("package") && emptyFiles.contains(join(modulePath, "__init__.py"));
        if (imp.kind().equals("from") && onlySubmodules) {
            for (String name : imp.names()) {
                if (!name.equals("*") && pythonKind(join(modulePath, name)) == null) {
                    String dir = modulePath.isEmpty() ? "the repository root" : modulePath + "/";
                    return new Missing("no module " + shown + (shown.endsWith(".") ? "" : ".") + name + " (" + dir
                            + (kind.equals("namespace") ? " has no __init__.py" : "'s __init__.py is empty")
                            + ", so '" + name + "' must be a submodule)", join(modulePath, name));
                }
            }
        }
        return null;
    }

    /** "module", "package", "namespace" or null. */
    private String pythonKind(String path) {
        if (path.isEmpty()) {
            return exists("__init__.py") ? "package" : "namespace";
        }
        if (path.endsWith("/")) {
            return null;
        }
        if (exists(path + ".py") || exists(path + ".pyi")) {
            return "module";
        }
        if (exists(path + "/__init__.py") || exists(path + "/__init__.pyi")) {
            return "package";
        }
        return isDirectory(path) ? "namespace" : null;
    }

    String dottedFromPath(String path) {
        return roots.dotted(path);
    }

    // ------------------------------------------------------------------ JS/TS

    Resolution javascript(String importer, String specifier) {
        if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.equals(".") || specifier.equals("..")) {
            String path = normalize(join(parent(importer), specifier));
            if (path == null) {
                return new Resolution(List.of(specifier), true, "'" + specifier + "' goes above the top of the repository");
            }
            String found = jsFile(path);
            return new Resolution(List.of(ImportTarget.fromPath(found != null ? found : path)), true,
                    found != null ? null : "no file for '" + specifier + "' (looked for " + path + " with .ts/.js/index)");
        }
        TsConfig ts = tsConfigFor(parent(importer));
        if (ts != null) {
            for (Map.Entry<String, List<String>> e : ts.paths.entrySet()) {
                String key = e.getKey();
                String rest = aliasMatch(key, specifier);
                if (rest == null) {
                    continue;
                }
                String firstCandidate = null;
                for (String target : e.getValue()) {
                    String path = normalize(join(ts.baseUrl, target.replace("*", rest)));
                    if (path == null) {
                        continue;
                    }
                    firstCandidate = firstCandidate == null ? path : firstCandidate;
                    String found = jsFile(path);
                    if (found != null) {
                        return new Resolution(List.of(ImportTarget.fromPath(found)), true, null);
                    }
                }
                return new Resolution(List.of(ImportTarget.fromPath(firstCandidate == null ? specifier : firstCandidate)),
                        true, "no file for '" + specifier + "' through the path alias '" + key + "' of "
                        + join(ts.dir, "tsconfig.json"));
            }
            if (ts.baseUrl != null) {
                String path = normalize(join(ts.baseUrl, specifier));
                String found = path == null ? null : jsFile(path);
                if (found != null) {
                    return new Resolution(List.of(ImportTarget.fromPath(found)), true, null);
                }
            }
        }
        return new Resolution(List.of(specifier.replace('/', '.')), false, null);
    }

    private static String aliasMatch(String pattern, String specifier) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(specifier) ? "" : null;
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        if (specifier.startsWith(prefix) && specifier.endsWith(suffix)
                && specifier.length() >= prefix.length() + suffix.length()) {
            return specifier.substring(prefix.length(), specifier.length() - suffix.length());
        }
        return null;
    }

    private String jsFile(String path) {
        if (exists(path) && !isDirectory(path)) {
            return path;
        }
        for (String ext : JS_EXTENSIONS) {
            if (exists(path + ext)) {
                return path + ext;
            }
        }
        for (String ext : JS_EXTENSIONS) {
            if (exists(path + "/index" + ext)) {
                return path + "/index" + ext;
            }
        }
        for (String js : new String[]{".js", ".jsx", ".mjs", ".cjs"}) {
            if (path.endsWith(js)) {
                String stem = path.substring(0, path.length() - js.length());
                for (String ts : new String[]{".ts", ".tsx", ".mts", ".cts"}) {
                    if (exists(stem + ts)) {
                        return stem + ts;
                    }
                }
            }
        }
        return null;
    }

    private TsConfig tsConfigFor(String dir) {
        String d = dir;
        while (true) {
            TsConfig found = tsConfigs.computeIfAbsent(d, this::readTsConfig);
            if (found.dir != null) {
                return found;
            }
            if (d.isEmpty()) {
                return null;
            }
            d = parent(d);
        }
    }

    private TsConfig readTsConfig(String dir) {
        for (String name : new String[]{"tsconfig.json", "jsconfig.json"}) {
            String path = join(dir, name);
            if (!files.contains(path)) {
                continue;
            }
            try {
                JsonNode options = Lenient.JSON.readTree(root.resolve(path).toFile()).path("compilerOptions");
                String base = options.hasNonNull("baseUrl") ? normalize(join(dir, options.get("baseUrl").asText())) : null;
                Map<String, List<String>> paths = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : options.path("paths").properties()) {
                    List<String> targets = new ArrayList<>();
                    e.getValue().forEach(v -> targets.add(v.asText()));
                    paths.put(e.getKey(), targets);
                }
                return new TsConfig(dir, base == null ? (paths.isEmpty() ? null : dir) : base, paths);
            } catch (java.io.IOException | RuntimeException e) {
                return new TsConfig(dir, null, Map.of()); // a broken tsconfig resolves nothing; tsc would complain
            }
        }
        return new TsConfig(null, null, Map.of());
    }

    // ------------------------------------------------------------------ paths

    private boolean exists(String path) {
        if (files.contains(path)) {
            return true;
        }
        return diskChecks.computeIfAbsent(path, p -> {
            try {
                return Files.isRegularFile(root.resolve(p));
            } catch (RuntimeException e) {
                return false; // not a path this file system can hold
            }
        });
    }

    private boolean isDirectory(String path) {
        if (dirs.contains(path)) {
            return true;
        }
        return dirChecks.computeIfAbsent(path, p -> {
            try {
                return Files.isDirectory(root.resolve(p));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * What this resolver asked the disk beyond the listed files, as "f:path" / "d:path" → answer: a run
     * whose result is reused must get the same answers (see {@link #sameDisk}).
     */
    Map<String, Boolean> diskProbes() {
        Map<String, Boolean> out = new java.util.TreeMap<>();
        diskChecks.forEach((k, v) -> out.put("f:" + k, v));
        dirChecks.forEach((k, v) -> out.put("d:" + k, v));
        return out;
    }

    /**
     * Whether the disk answers {@code probes} (from {@link #diskProbes}) as it did. Only the paths the
     * listing did not hold were asked of the disk, so with the same listing (a run key covers it) the
     * same questions go to the disk again and no resolver needs to be built.
     */
    static boolean sameDisk(Path root, Map<String, Boolean> probes) {
        for (Map.Entry<String, Boolean> e : probes.entrySet()) {
            Path path;
            try {
                path = root.resolve(e.getKey().substring(2));
            } catch (RuntimeException ex) {
                path = null; // not a path this file system can hold: it was answered false
            }
            boolean now = path != null && (e.getKey().startsWith("f:") ? Files.isRegularFile(path) : Files.isDirectory(path));
            if (now != e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
