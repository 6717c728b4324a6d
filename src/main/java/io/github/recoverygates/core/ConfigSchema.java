package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schema (draft 2020-12) of {@code .recovery-gates.yml}, made from what validates it: the
 * top-level keys of {@link ConfigLoader} and, per gate, the record {@link Gate#configType()} that
 * {@link Config#section} binds, as the config mapper ({@link Json#CONFIG}) sees it: property names
 * after {@code @JsonProperty}, enums by their {@code @JsonValue}, a single value accepted where a list
 * is, durations as {@code 3s} or seconds, delegating creators ({@code trace: true}) as alternatives.
 * Unknown keys are refused, as the loader refuses them. {@code ${NAME}} may stand for any scalar.
 * Rules only a constructor knows (a check's {@code url} for its type, ranges) stay the loader's.
 */
public final class ConfigSchema {

    /** Where the schema is shipped: in the repository and, as a resource, in the jar. */
    public static final String FILE = "schema/recovery-gates.schema.json";
    public static final String RESOURCE = "/io/github/recoverygates/schema/recovery-gates.schema.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** {@code ${NAME}} or {@code ${NAME:-default}} anywhere in a string (JSON Schema patterns are not anchored). */
    private static final String VARIABLE = "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}";

    private ConfigSchema() {
    }

    /** The schema of the installed gates' sections, as pretty JSON ending with a newline. */
    public static String json() {
        try {
            return Json.REPORT.writeValueAsString(generate(Gates.all())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode generate(List<Gate> gates) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", ConfigLoader.DEFAULT_FILE);
        schema.put("description", "Recovery Gates config. Generated from the config model by `recovery-gates schema`; "
                + "do not edit by hand.");
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ObjectNode globs = listOf(string());
        props.set("exclude", described(globs.deepCopy(), "Globs to leave out; replaces the built-in excludes."));
        props.set("extendExclude", described(globs.deepCopy(), "Globs added to whichever excludes apply."));
        props.set("dotenv", described(listOf(string()), "dotenv files ${NAME} is also read from, relative to the root."));
        for (Gate gate : gates) {
            Class<?> type = gate.configType();
            ObjectNode section = type == null ? NODES.objectNode() : of(type, new HashSet<>());
            section.put("description", "The " + gate.name() + " gate's section; see " + gate.docs() + ".");
            props.set(gate.configKey(), section);
        }
        for (String key : new TreeSet<>(ConfigLoader.TOP_LEVEL)) {
            if (!props.has(key)) {
                throw new IllegalStateException("ConfigLoader accepts the top-level key '" + key + "' that the schema lacks");
            }
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode of(java.lang.reflect.Type type, Set<Class<?>> seen) {
        JavaType t = Json.CONFIG.getTypeFactory().constructType(type);
        return of(t, seen);
    }

    private static ObjectNode of(JavaType t, Set<Class<?>> seen) {
        Class<?> raw = t.getRawClass();
        if (raw == String.class) {
            return string();
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return orVariable(type("integer"));
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return orVariable(type("number"));
        } else if (raw == Boolean.class || raw == boolean.class) {
            return orVariable(type("boolean"));
        } else if (raw == Duration.class) {
            ObjectNode text = type("string");
            text.put("pattern", "^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)?\\s*$|" + VARIABLE);
            ObjectNode any = anyOf(text, type("number"));
            any.put("description", "A duration: 200ms, 3s, 1.5s, 15m, 1h, or a number of seconds.");
            return any;
        } else if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return NODES.objectNode();
        } else if (raw.isEnum()) {
            return enumOf(raw);
        } else if (t.isCollectionLikeType() || t.isArrayType()) {
            return listOf(of(t.getContentType(), seen));
        } else if (t.isMapLikeType()) {
            ObjectNode map = type("object");
            map.set("additionalProperties", of(t.getContentType(), seen));
            return map;
        }
        if (!seen.add(raw)) {
            throw new IllegalStateException("recursive config type " + raw.getName());
        }
        DeserializationConfig config = Json.CONFIG.getDeserializationConfig();
        BeanDescription bean = config.introspect(t);
        ObjectNode object = type("object");
        ObjectNode props = object.putObject("properties");
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (p.couldDeserialize()) {
                props.set(p.getName(), of(p.getPrimaryType(), seen));
            }
        }
        object.put("additionalProperties", false);
        seen.remove(raw);
        List<ObjectNode> delegates = new ArrayList<>();
        for (Method m : raw.getDeclaredMethods()) {
            JsonCreator creator = m.getAnnotation(JsonCreator.class);
            if (creator != null && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                    && creator.mode() == JsonCreator.Mode.DELEGATING) {
                delegates.add(of(m.getGenericParameterTypes()[0], seen));
            }
        }
        if (delegates.isEmpty()) {
            return object;
        }
        ArrayNode alternatives = NODES.arrayNode().add(object);
        delegates.forEach(alternatives::add);
        ObjectNode any = NODES.objectNode();
        any.set("anyOf", alternatives);
        return any;
    }

    /** An enum's values as the config mapper reads them: its {@code @JsonValue}, else its lower-case name (case is ignored). */
    private static ObjectNode enumOf(Class<?> raw) {
        Method value = null;
        for (Method m : raw.getMethods()) {
            if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
                value = m;
            }
        }
        ArrayNode values = NODES.arrayNode();
        for (Object constant : raw.getEnumConstants()) {
            try {
                values.add(value != null ? String.valueOf(value.invoke(constant))
                        : ((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        // the mapper ignores case: the values for completion, and any spelling of them
        StringBuilder regex = new StringBuilder("^(");
        for (int i = 0; i < values.size(); i++) {
            regex.append(i == 0 ? "" : "|").append(caseless(values.get(i).asText()));
        }
        ObjectNode exact = NODES.objectNode();
        exact.set("enum", values);
        ObjectNode text = type("string");
        text.put("pattern", regex.append(")$").toString());
        return anyOf(exact, text);
    }

    private static String caseless(String word) {
        StringBuilder s = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (Character.isLetter(c)) {
                s.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
            } else if (Character.isLetterOrDigit(c)) {
                s.append(c);
            } else {
                s.append('\\').append(c);
            }
        }
        return s.toString();
    }

    private static ObjectNode string() {
        return type("string");
    }

    private static ObjectNode type(String name) {
        ObjectNode n = NODES.objectNode();
        n.put("type", name);
        return n;
    }

    /** A scalar, or a string holding {@code ${NAME}} that the loader replaces before binding. */
    private static ObjectNode orVariable(ObjectNode scalar) {
        ObjectNode variable = type("string");
        variable.put("pattern", VARIABLE);
        return anyOf(scalar, variable);
    }

    /** A list, or (as the mapper accepts it) a single item standing for a list of one. */
    private static ObjectNode listOf(ObjectNode item) {
        ObjectNode array = type("array");
        array.set("items", item);
        return anyOf(array, item.deepCopy());
    }

    private static ObjectNode anyOf(ObjectNode... options) {
        ObjectNode n = NODES.objectNode();
        ArrayNode any = n.putArray("anyOf");
        for (ObjectNode o : options) {
            any.add(o);
        }
        return n;
    }

    private static ObjectNode described(ObjectNode n, String text) {
        n.put("description", text);
        return n;
    }
}
