package io.github.recoverygates.ssot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FactsCodecTest {

    @Test
    @DisplayName("facts survive the cache's compact JSON unchanged; an entry in another shape is refused")
    void roundTrip() {
        FileFacts facts = new FileFacts("python", "line 3: unexpected indent", "a.b",
                List.of(new FileFacts.Import("x.y", 2, List.of("a", "*"), 4, 5, "from", true)),
                List.of(new FileFacts.Definition("SessionManager", "class", 7, 7, false)),
                List.of(new FileFacts.Word("JWT_SECRET", 9, 3, true)),
                List.of(new FileFacts.Fake("return-true", "validate_x", 11, 5, "detail")));
        assertThat(FactsCodec.decode(FactsCodec.encode(facts))).isEqualTo(facts);
        FileFacts empty = FileFacts.empty("config");
        assertThat(FactsCodec.decode(FactsCodec.encode(empty))).isEqualTo(empty);
        assertThat(FactsCodec.decode(JsonNodeFactory.instance.objectNode().put("language", "python"))).isNull();
    }
}
