package dev.switchboard.agents.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void theSameDefinitionHashesTheSameWhateverTheOrderOfItsKeys() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("type", "function");
        first.put("function", Map.of("name", "book", "parameters", Map.of("type", "object", "required", List.of("time"))));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("function", Map.of("parameters", Map.of("required", List.of("time"), "type", "object"), "name", "book"));
        second.put("type", "function");

        assertThat(CanonicalJson.of(first))
                .isEqualTo("{\"function\":{\"name\":\"book\",\"parameters\":{\"required\":[\"time\"],\"type\":\"object\"}},"
                        + "\"type\":\"function\"}");
        assertThat(CanonicalJson.hash(first)).isEqualTo(CanonicalJson.hash(second)).matches("[0-9a-f]{64}");
    }

    @Test
    void anyChangeInTheDefinitionChangesTheHash() {
        Map<String, Object> before = Map.of("function", Map.of("name", "book", "description", "Books a visit"));
        Map<String, Object> after = Map.of("function", Map.of("name", "book", "description", "Books a visit."));
        Map<String, Object> reordered = Map.of("list", List.of("a", "b"));
        Map<String, Object> swapped = Map.of("list", List.of("b", "a"));

        assertThat(CanonicalJson.hash(before)).isNotEqualTo(CanonicalJson.hash(after));
        assertThat(CanonicalJson.hash(reordered)).isNotEqualTo(CanonicalJson.hash(swapped));
    }

    @Test
    void anAccountIsIdentifiedByADigestOfItsKeyNeverByTheKey() {
        String fingerprint = CanonicalJson.accountFingerprint("secret-key");

        assertThat(fingerprint).matches("[0-9a-f]{64}").doesNotContain("secret-key")
                .isEqualTo(CanonicalJson.accountFingerprint("secret-key"))
                .isNotEqualTo(CanonicalJson.accountFingerprint("secret-key2"));
        assertThatThrownBy(() -> CanonicalJson.accountFingerprint(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
