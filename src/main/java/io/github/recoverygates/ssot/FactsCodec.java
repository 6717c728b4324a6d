package io.github.recoverygates.ssot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FileFacts} as compact JSON for the content cache: positional arrays instead of objects,
 * written and read by hand, so that a warm run over tens of thousands of files spends its time
 * neither in reflection nor in parsing key names.
 */
final class FactsCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FactsCodec() {
    }

    static JsonNode encode(FileFacts f) {
        ObjectNode o = NODES.objectNode();
        o.put("l", f.language());
        if (f.parseError() != null) {
            o.put("e", f.parseError());
        }
        if (f.packageName() != null) {
            o.put("p", f.packageName());
        }
        ArrayNode imports = o.putArray("i");
        for (FileFacts.Import i : f.imports()) {
            ArrayNode a = imports.addArray().add(i.module()).add(i.level());
            ArrayNode names = a.addArray();
            i.names().forEach(names::add);
            a.add(i.line()).add(i.column()).add(i.kind()).add(i.guarded());
        }
        ArrayNode defs = o.putArray("d");
        for (FileFacts.Definition d : f.definitions()) {
            defs.addArray().add(d.name()).add(d.kind()).add(d.line()).add(d.column()).add(d.topLevel());
        }
        ArrayNode words = o.putArray("w");
        for (FileFacts.Word w : f.words()) {
            words.addArray().add(w.word()).add(w.line()).add(w.column()).add(w.inString());
        }
        ArrayNode fakes = o.putArray("f");
        for (FileFacts.Fake k : f.fakes()) {
            fakes.addArray().add(k.kind()).add(k.name()).add(k.line()).add(k.column()).add(k.detail());
        }
        return o;
    }

    /** The facts, or null when the entry is not in this format (then the file is rescanned). */
    static FileFacts decode(JsonNode o) {
        if (!o.isObject() || !o.path("l").isTextual()) {
            return null;
        }
        List<FileFacts.Import> imports = new ArrayList<>();
        for (JsonNode a : o.path("i")) {
            List<String> names = new ArrayList<>();
            a.get(2).forEach(n -> names.add(n.asText()));
            imports.add(new FileFacts.Import(a.get(0).asText(), a.get(1).asInt(), names, a.get(3).asInt(),
                    a.get(4).asInt(), a.get(5).asText(), a.get(6).asBoolean()));
        }
        List<FileFacts.Definition> defs = new ArrayList<>();
        for (JsonNode a : o.path("d")) {
            defs.add(new FileFacts.Definition(a.get(0).asText(), a.get(1).asText(), a.get(2).asInt(), a.get(3).asInt(),
                    a.get(4).asBoolean()));
        }
        List<FileFacts.Word> words = new ArrayList<>();
        for (JsonNode a : o.path("w")) {
            words.add(new FileFacts.Word(a.get(0).asText(), a.get(1).asInt(), a.get(2).asInt(), a.get(3).asBoolean()));
        }
        List<FileFacts.Fake> fakes = new ArrayList<>();
        for (JsonNode a : o.path("f")) {
            fakes.add(new FileFacts.Fake(a.get(0).asText(), a.get(1).asText(), a.get(2).asInt(), a.get(3).asInt(),
                    a.get(4).asText()));
        }
        return new FileFacts(o.get("l").asText(), o.hasNonNull("e") ? o.get("e").asText() : null,
                o.hasNonNull("p") ? o.get("p").asText() : null, imports, defs, words, fakes);
    }
}
