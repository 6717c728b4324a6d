package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recoverygates.core.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("recovery: the JSON path subset of health checks")
class JsonPathTest {

    private final JsonNode body = read("{\"status\":\"ok\",\"checks\":[{\"name\":\"db\",\"up\":true},{\"name\":\"redis\",\"up\":false}],\"a.b\":1}");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void namesIndexesAndQuotedNamesFindValues() {
        assertThat(JsonPath.parse("$.status").find(body)).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("ok"));
        assertThat(JsonPath.parse("$.checks[1].name").find(body)).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("redis"));
        assertThat(JsonPath.parse("$.checks[-1].up").find(body)).hasValueSatisfying(v -> assertThat(v.asBoolean()).isFalse());
        assertThat(JsonPath.parse("$['a.b']").find(body)).hasValueSatisfying(v -> assertThat(v.asInt()).isEqualTo(1));
        assertThat(JsonPath.parse("$").find(body)).contains(body);
    }

    @Test
    void missingStepsFindNothing() {
        assertThat(JsonPath.parse("$.nope.deeper").find(body)).isEmpty();
        assertThat(JsonPath.parse("$.checks[5]").find(body)).isEmpty();
        assertThat(JsonPath.parse("$.status[0]").find(body)).isEmpty();
    }

    @Test
    void malformedPathsAreRejectedWithThePosition() {
        assertThatThrownBy(() -> JsonPath.parse("status")).hasMessageContaining("starts with '$'");
        assertThatThrownBy(() -> JsonPath.parse("$.checks[0")).hasMessageContaining("closing ']'");
        assertThatThrownBy(() -> JsonPath.parse("$.checks[x]")).hasMessageContaining("an index or a quoted name");
        assertThatThrownBy(() -> JsonPath.parse("$..x")).hasMessageContaining("a name after '.'");
    }

    @Test
    void expectedValuesCompareByTextForScalars() {
        assertThat(HttpProbe.sameValue(read("200"), read("\"200\""))).isTrue();
        assertThat(HttpProbe.sameValue(read("true"), read("true"))).isTrue();
        assertThat(HttpProbe.sameValue(read("\"healthy\""), read("\"degraded\""))).isFalse();
    }
}
