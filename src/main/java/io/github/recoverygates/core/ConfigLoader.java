package io.github.recoverygates.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code .recovery-gates.yml} into a {@link Config}, keeping the line and column of every value. */
public final class ConfigLoader {

    public static final String DEFAULT_FILE = ".recovery-gates.yml";
    /** Top-level keys beside the gates' sections. */
    public static final Set<String> TOP_LEVEL = Set.of("exclude", "extendExclude", "dotenv");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}, or {@code <root>/.recovery-gates.yml} when {@code file} is null and that
     * exists, else the built-in defaults. {@code sections} are the gate section keys allowed at the top.
     */
    public static Config load(Path file, Path root, Map<String, String> processEnv, SecretMasker masker,
                              Set<String> sections) {
        Path chosen = file;
        if (chosen == null) {
            Path candidate = root.resolve(DEFAULT_FILE);
            if (!Files.isRegularFile(candidate)) {
                return Config.defaults(root, processEnv, masker);
            }
            chosen = candidate;
        }
        if (!Files.isRegularFile(chosen)) {
            throw new ConfigException("config file not found: " + chosen);
        }
        String text;
        try {
            text = Files.readString(chosen, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + chosen + ": " + e.getMessage(), e);
        }
        return parse(chosen.toString(), text, root, processEnv, masker, sections);
    }

    /** Parses config text; {@code source} names it in messages. Relative env files resolve against {@code baseDir}. */
    public static Config parse(String source, String text, Path baseDir, Map<String, String> processEnv,
                               SecretMasker masker, Set<String> sections) {
        Map<String, String> locations = new HashMap<>();
        JsonNode tree;
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            tree = first == null ? NODES.objectNode() : read(parser, "", locations, source, new HashMap<>());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (tree.isNull()) {
            tree = NODES.objectNode();
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(source + ":1:1: the config must be a mapping of sections (exclude, "
                    + String.join(", ", new TreeSet<>(sections)) + ")");
        }
        Set<String> allowed = new TreeSet<>(TOP_LEVEL);
        allowed.addAll(sections);
        root.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new ConfigException(source + ":" + locations.get("/" + Config.escape(key))
                        + ": unknown key '" + key + "'" + Suggest.didYouMean(key, allowed)
                        + " (allowed: " + String.join(", ", allowed) + ")");
            }
        });
        Map<String, String> environment = new HashMap<>(processEnv);
        JsonNode dotenv = root.get("dotenv");
        if (dotenv != null) {
            for (JsonNode f : dotenv.isArray() ? dotenv : NODES.arrayNode().add(dotenv)) {
                Path path = baseDir.resolve(f.asText());
                if (!Files.isRegularFile(path)) {
                    throw new ConfigException(source + ":" + locations.get("/dotenv") + ": dotenv file not found: " + path);
                }
                DotEnv.read(path).forEach((k, v) -> {
                    environment.putIfAbsent(k, v);
                    if (SecretMasker.isSecretName(k)) {
                        masker.register(v);
                    }
                });
            }
        }
        processEnv.forEach((k, v) -> {
            if (SecretMasker.isSecretName(k)) {
                masker.register(v);
            }
        });
        return new Config(source, baseDir, root, Map.copyOf(locations), Map.copyOf(environment), masker);
    }

    /**
     * Reads one value with the location of every key. Anchors and aliases mean what any YAML reader
     * makes of them ({@code *name} is a copy of the value anchored {@code &name}; {@code <<: *base}
     * merges a mapping's keys under the explicit ones); an alias to no anchor is an error at its line.
     */
    private static JsonNode read(JsonParser p, String pointer, Map<String, String> locations, String source,
                                 Map<String, JsonNode> anchors) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        String where = source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        locations.put(pointer, loc.getLineNr() + ":" + loc.getColumnNr());
        YAMLParser yaml = p instanceof YAMLParser y ? y : null;
        if (yaml != null && yaml.isCurrentAlias()) {
            JsonNode anchored = anchors.get(p.getText());
            if (anchored == null) {
                throw new ConfigException(where + ": alias *" + p.getText() + " refers to no anchor &" + p.getText()
                        + " defined above it");
            }
            return anchored.deepCopy();
        }
        String anchor = yaml == null ? null : yaml.getObjectId();
        JsonNode node = value(p, pointer, locations, source, anchors);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, String> locations, String source,
                                  Map<String, JsonNode> anchors) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(p, pointer, locations, source, anchors);
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, pointer + "/" + i++, locations, source, anchors));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            default -> NODES.nullNode();
        };
    }

    /**
     * A mapping: a duplicate key is an error at the key; the mappings merged in with {@code <<} give
     * only the keys the mapping does not set itself.
     */
    private static ObjectNode mapping(JsonParser p, String pointer, Map<String, String> locations, String source,
                                      Map<String, JsonNode> anchors) throws IOException {
        ObjectNode object = NODES.objectNode();
        List<ObjectNode> merged = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyLoc = p.currentTokenLocation();
            String keyWhere = source + ":" + keyLoc.getLineNr() + ":" + keyLoc.getColumnNr();
            String child = pointer + "/" + Config.escape(key);
            p.nextToken();
            JsonNode value = read(p, child, locations, source, anchors);
            if (key.equals("<<")) {
                for (JsonNode m : value.isArray() ? value : NODES.arrayNode().add(value)) {
                    if (!(m instanceof ObjectNode mo)) {
                        throw new ConfigException(keyWhere + ": '<<' merges a mapping (or a list of them) into this one");
                    }
                    merged.add(mo);
                }
                continue;
            }
            if (object.has(key)) {
                throw new ConfigException(keyWhere + ": duplicate key '" + key + "'");
            }
            object.set(key, value);
            locations.put(child, keyLoc.getLineNr() + ":" + keyLoc.getColumnNr());
        }
        for (ObjectNode m : merged) {
            m.fields().forEachRemaining(e -> {
                if (!object.has(e.getKey())) {
                    object.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        return object;
    }
}
