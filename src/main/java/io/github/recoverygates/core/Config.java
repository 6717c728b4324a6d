package io.github.recoverygates.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The loaded {@code .recovery-gates.yml}: a tree that remembers where each value came from, so
 * that every error names the file, line and key. Sections are bound lazily by the gate that
 * owns them ({@link #section}); {@code ${NAME}} and {@code ${NAME:-default}} are resolved then,
 * from the process environment, the top-level {@code dotenv} files and the section's own
 * {@code envFiles}.
 */
public final class Config {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String source;
    private final Path baseDir;
    private final ObjectNode root;
    private final Map<String, String> locations;
    /** JSON pointer to the override that set it ({@code --set ssot.threshold}, a step parameter). */
    private final Map<String, String> origins;
    private final Map<String, String> environment;
    private final SecretMasker masker;

    Config(String source, Path baseDir, ObjectNode root, Map<String, String> locations,
           Map<String, String> environment, SecretMasker masker) {
        this(source, baseDir, root, locations, Map.of(), environment, masker);
    }

    private Config(String source, Path baseDir, ObjectNode root, Map<String, String> locations,
                   Map<String, String> origins, Map<String, String> environment, SecretMasker masker) {
        this.source = source;
        this.baseDir = baseDir;
        this.root = root;
        this.locations = locations;
        this.origins = origins;
        this.environment = environment;
        this.masker = masker;
    }

    /** Built-in defaults: no file, every section empty. */
    public static Config defaults(Path baseDir, Map<String, String> environment, SecretMasker masker) {
        return new Config("built-in defaults", baseDir, JsonNodeFactory.instance.objectNode(), Map.of(),
                environment, masker);
    }

    /** The file this config came from, or "built-in defaults". */
    public String source() {
        return source;
    }

    public Path baseDir() {
        return baseDir;
    }

    public SecretMasker masker() {
        return masker;
    }

    public boolean hasSection(String key) {
        return root.has(key);
    }

    /**
     * The excludes: {@code exclude} replaces the built-in ones, {@code extendExclude} adds to
     * whichever apply; null when only the built-in ones do.
     */
    public List<String> excludes() {
        List<String> given = globs("exclude");
        List<String> extra = globs("extendExclude");
        if (extra == null) {
            return given;
        }
        List<String> all = new ArrayList<>(given == null ? Workspace.BUILT_IN_EXCLUDES : given);
        all.addAll(extra);
        return all;
    }

    private List<String> globs(String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> globs = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : JsonNodeFactory.instance.arrayNode().add(node)) {
            if (!item.isValueNode()) {
                throw new ConfigException(where("/" + key) + ": " + key + ": expected a list of globs");
            }
            String glob = interpolate(item.asText(), "/" + key, environment);
            Glob.check(glob, where("/" + key) + ": " + key);
            globs.add(glob);
        }
        return globs;
    }

    /** The raw (not interpolated) tree of a section, or an empty object. */
    public JsonNode rawSection(String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }

    /**
     * Binds a section to {@code type}. An absent section binds as an empty object, so records
     * apply their own defaults. Mistakes become a {@link ConfigException} naming file, line, key.
     */
    public <T> T section(String key, Class<T> type) {
        Map<String, String> env = environment(key);
        JsonNode resolved = resolve(rawSection(key), "/" + key, env);
        try {
            return Json.CONFIG.treeToValue(resolved, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(key, e), e);
        } catch (IllegalArgumentException e) {
            // a record's compact constructor rejecting a value
            throw new ConfigException(where("/" + key) + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** The variables a section sees: process environment, top-level dotenv, the section's envFiles. */
    public Map<String, String> environment(String sectionKey) {
        JsonNode files = rawSection(sectionKey).get("envFiles");
        if (files == null || files.isNull() || files.isArray() && files.isEmpty()) {
            return environment;
        }
        Map<String, String> merged = new HashMap<>();
        for (JsonNode file : files.isArray() ? files : JsonNodeFactory.instance.arrayNode().add(files)) {
            Path path = baseDir.resolve(file.asText());
            if (java.nio.file.Files.isRegularFile(path)) {
                DotEnv.read(path).forEach((k, v) -> {
                    merged.putIfAbsent(k, v);
                    if (SecretMasker.isSecretName(k)) {
                        masker.register(v);
                    }
                });
            }
        }
        merged.putAll(environment); // the process environment wins over files, as in docker compose
        return merged;
    }

    /**
     * A copy of this config with {@code dotted.key} set, as a CI step parameter or {@code --set} does;
     * errors about it name {@code origin} instead of a line of the file.
     */
    public Config with(String dottedKey, JsonNode value, String origin) {
        Config changed = with(dottedKey, value);
        Map<String, String> newOrigins = new HashMap<>(origins);
        newOrigins.put("/" + java.util.Arrays.stream(dottedKey.split("\\.")).map(Config::escape)
                .collect(Collectors.joining("/")), origin);
        return new Config(source, baseDir, changed.root, locations, Map.copyOf(newOrigins), environment, masker);
    }

    /** A copy with {@code dotted.key} set by the engine itself (a normalised value keeps its file location). */
    public Config with(String dottedKey, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
        return new Config(source, baseDir, copy, locations, origins, environment, masker);
    }

    /** "file:line:column" for a JSON pointer, or the nearest enclosing value that has a location. */
    public String where(String pointer) {
        String p = pointer;
        while (true) {
            String origin = origins.get(p);
            if (origin == null && p.equals(pointer)) {
                // an unknown key inside an overridden value: the override introduced it
                String prefix = p + "/";
                origin = origins.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (origin != null) {
                return origin;
            }
            String loc = locations.get(p);
            if (loc != null) {
                return source + ":" + loc;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return source;
            }
            p = p.substring(0, slash);
        }
    }

    private JsonNode resolve(JsonNode node, String pointer, Map<String, String> env) {
        if (node.isTextual()) {
            boolean secretKey = pointer.endsWith("/secret") || pointer.contains("/secret/");
            String value = interpolate(node.asText(), pointer, env);
            if (secretKey) {
                masker.register(value);
            }
            return TextNode.valueOf(value);
        } else if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), resolve(e.getValue(), pointer + "/" + escape(e.getKey()), env));
            }
            return out;
        } else if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(resolve(node.get(i), pointer + "/" + i, env));
            }
            return out;
        }
        return node;
    }

    private String interpolate(String text, String pointer, Map<String, String> env) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1);
                String value = env.get(name);
                if (value == null || value.isEmpty() && m.group(2) != null) {
                    if (m.group(2) == null) {
                        throw new ConfigException(where(pointer) + ": " + dotted(pointer)
                                + ": environment variable " + name + " is not set (set it, or write ${" + name
                                + ":-default})");
                    }
                    value = m.group(2);
                } else if (SecretMasker.isSecretName(name)) {
                    masker.register(value);
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String describe(String sectionKey, JsonProcessingException e) {
        String pointer = "/" + sectionKey;
        List<String> names = new ArrayList<>();
        names.add(sectionKey);
        if (e instanceof JsonMappingException jme) {
            for (JsonMappingException.Reference ref : jme.getPath()) {
                String part = ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex());
                pointer += "/" + escape(part);
                names.add(part);
            }
        }
        String key = String.join(".", names);
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String allowed = known == null ? "" : new TreeSet<>(known.stream().map(String::valueOf)
                    .collect(Collectors.toSet())).stream().collect(Collectors.joining(", "));
            return where(pointer) + ": unknown key '" + u.getPropertyName() + "' in "
                    + key.substring(0, Math.max(0, key.length() - u.getPropertyName().length() - 1))
                    + (known == null ? "" : Suggest.didYouMean(u.getPropertyName(),
                    known.stream().map(String::valueOf).toList()))
                    + " (allowed: " + allowed + ")";
        }
        if (e instanceof InvalidFormatException f) {
            return where(pointer) + ": " + key + ": '" + masker.mask(String.valueOf(f.getValue()))
                    + "' is not a valid " + typeName(f.getTargetType()) + allowedValues(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return where(pointer) + ": " + key + ": expected " + typeName(m.getTargetType())
                    + allowedValues(m.getTargetType());
        }
        String detail = e.getOriginalMessage();
        if (e.getCause() instanceof IllegalArgumentException iae) {
            detail = iae.getMessage();
        }
        return where(pointer) + ": " + key + ": " + detail;
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        } else if (type == double.class || type == Double.class) {
            return "number";
        } else if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        } else if (type == String.class) {
            return "string";
        } else if (type == java.time.Duration.class) {
            return "duration (e.g. 500ms, 3s, 2m)";
        } else if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "mapping";
        } else if (type.isEnum()) {
            return "value";
        }
        return type.getSimpleName();
    }

    private static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            return " (allowed: " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")) + ")";
        }
        return "";
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }
}
