package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the $.a.b[0] paths of the config")
class JsonPathTest {

    private final JsonNode event = read("""
            {"type": "tool_completed", "run_id": "r1",
             "payload": {"tool_name": "cost_report", "results": [{"total": 3}, {"total": 4}], "empty": null,
                         "odd-key": "x"}}
            """);

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void namesIndexesAndQuotedKeysReachValues() {
        assertThat(JsonPath.parse("$.type").text(event)).isEqualTo("tool_completed");
        assertThat(JsonPath.parse("$.payload.results[1].total").text(event)).isEqualTo("4");
        assertThat(JsonPath.parse("$.payload.results[-1].total").text(event)).isEqualTo("4");
        assertThat(JsonPath.parse("$['payload']['odd-key']").text(event)).isEqualTo("x");
        assertThat(JsonPath.parse("$").read(event)).isSameAs(event);
    }

    @Test
    void absentNullAndContainerValuesAreToldApart() {
        assertThat(JsonPath.parse("$.payload.results").present(event)).isTrue();
        assertThat(JsonPath.parse("$.payload.results").text(event)).isNull();
        assertThat(JsonPath.parse("$.payload.empty").present(event)).isFalse();
        assertThat(JsonPath.parse("$.payload.nothing.deeper").present(event)).isFalse();
        assertThat(JsonPath.parse("$.type[0]").present(event)).isFalse();
        assertThat(JsonPath.parse("$.payload.results[5]").present(event)).isFalse();
    }

    @Test
    void malformedPathsSayWhere() {
        assertThatThrownBy(() -> JsonPath.parse("payload.x")).hasMessageContaining("starts with '$'");
        assertThatThrownBy(() -> JsonPath.parse("$.a[1")).hasMessageContaining("closing ']'");
        assertThatThrownBy(() -> JsonPath.parse("$.a[x]")).hasMessageContaining("character 5");
        assertThatThrownBy(() -> JsonPath.parse("$..a")).hasMessageContaining("a name after '.'");
    }
}
