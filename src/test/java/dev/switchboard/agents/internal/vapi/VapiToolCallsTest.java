package dev.switchboard.agents.internal.vapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.agents.internal.vapi.VapiToolCalls.ToolCall;
import dev.switchboard.agents.internal.vapi.VapiToolCalls.ToolCallRequest;
import dev.switchboard.agents.internal.vapi.VapiToolCalls.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VapiToolCallsTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheToolCallListWithArgumentsAsAJsonString() {
        ToolCallRequest request = VapiToolCalls.parse(json("""
                {"message":{"type":"tool-calls","timestamp":1767268800000,
                  "toolCallList":[{"id":"call_abc","type":"function",
                                   "function":{"name":"book_appointment","arguments":"{\\"time\\":\\"2026-05-02T10:00\\",\\"seats\\":2}"}}],
                  "toolWithToolCallList":[{"type":"function","function":{"name":"book_appointment"},
                                           "toolCall":{"id":"call_abc","type":"function","function":{"name":"book_appointment"}}}],
                  "call":{"id":"vapi-call-1","assistantId":"asst-1",
                          "assistantOverrides":{"metadata":{"switchboardCallId":"sb-1"}}}}}"""));

        assertThat(request.callId()).isEqualTo("vapi-call-1");
        assertThat(request.assistantId()).isEqualTo("asst-1");
        assertThat(request.metadata()).containsEntry("switchboardCallId", "sb-1");
        assertThat(request.toolCalls()).containsExactly(
                new ToolCall("call_abc", "book_appointment", Map.of("time", "2026-05-02T10:00", "seats", 2)));
    }

    @Test
    void readsArgumentsSentAsAnObjectAndTheOlderFlatShape() {
        ToolCallRequest request = VapiToolCalls.parse(json("""
                {"message":{"type":"tool-calls",
                  "toolCallList":[{"id":"a","function":{"name":"lookup","arguments":{"id":7}}},
                                  {"id":"b","name":"hang_up","arguments":{}}]}}"""));

        assertThat(request.toolCalls()).containsExactly(new ToolCall("a", "lookup", Map.of("id", 7)),
                new ToolCall("b", "hang_up", Map.of()));
    }

    @Test
    void fallsBackToToolWithToolCallListWhenTheListIsAbsent() {
        ToolCallRequest request = VapiToolCalls.parse(json("""
                {"message":{"type":"tool-calls","toolWithToolCallList":[{"type":"function","function":{"name":"lookup"},
                  "toolCall":{"id":"x","type":"function","function":{"name":"lookup","arguments":"{\\"q\\":\\"hours\\"}"}}}]}}"""));

        assertThat(request.toolCalls()).containsExactly(new ToolCall("x", "lookup", Map.of("q", "hours")));
    }

    @Test
    void refusesMessagesThatAreNotReadableToolCalls() {
        assertThatThrownBy(() -> VapiToolCalls.parse(json("{\"message\":{\"type\":\"status-update\"}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapiToolCalls.parse(json("not json"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapiToolCalls.parse(json("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[]}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapiToolCalls.parse(json("""
                {"message":{"type":"tool-calls","toolCallList":[{"id":"a","function":{"name":"f","arguments":"[1]"}}]}}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f");
    }

    @Test
    void answersWithSingleLineResultsAndErrorsPerToolCall() {
        ToolCall booked = new ToolCall("call_abc", "book_appointment", Map.of());
        ToolCall failed = new ToolCall("call_def", "lookup", Map.of());

        String answer = VapiToolCalls.respond(List.of(
                ToolResult.success(booked, "Booked for Saturday\n10:00,\r\n  room 2."),
                ToolResult.failure(failed, "The calendar is\nunavailable")));

        assertThat(answer).isEqualTo("{\"results\":["
                + "{\"toolCallId\":\"call_abc\",\"name\":\"book_appointment\",\"result\":\"Booked for Saturday 10:00, room 2.\"},"
                + "{\"toolCallId\":\"call_def\",\"name\":\"lookup\",\"error\":\"The calendar is unavailable\"}]}");
    }
}
