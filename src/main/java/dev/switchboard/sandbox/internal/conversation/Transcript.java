package dev.switchboard.sandbox.internal.conversation;

import dev.switchboard.sandbox.internal.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link Conversation} in Retell's shapes: {@code transcript} ("Agent: …\nUser: …\n"),
 * {@code transcript_object} (utterances with word timings in seconds of call audio) and
 * {@code transcript_with_tool_calls} (the same, with {@code tool_call_invocation} and
 * {@code tool_call_result} entries). Word timings are spread to fill the call's length.
 */
public final class Transcript {

    private static final double MIN_GAP = 0.25;

    private Transcript() {
    }

    /**
     * @param conversation the script
     * @param tool         what the tool call returned, or {@code null} when none was made
     * @param durationMs   the simulated length of the call
     * @return an object with {@code transcript}, {@code transcript_object} and {@code transcript_with_tool_calls}
     */
    public static ObjectNode render(Conversation conversation, ToolOutcome tool, long durationMs) {
        List<Line> spoken = new ArrayList<>();
        for (Line line : conversation.lines()) {
            if (line.isTool()) {
                spoken.add(line);
            } else if (Conversation.TOOL_RESULT.equals(line.text())) {
                spoken.add(Line.agent(resultSentence(tool)));
            } else {
                spoken.add(line);
            }
        }
        double totalSeconds = Math.max(1.0, durationMs / 1000.0);
        double speech = 0;
        int utterances = 0;
        for (Line line : spoken) {
            if (!line.isTool()) {
                utterances++;
                for (String word : words(line.text())) {
                    speech += wordLength(word);
                }
            }
        }
        int gaps = utterances + 1;
        double factor = 1.0;
        double gap = (totalSeconds - speech) / gaps;
        if (gap < MIN_GAP) {
            factor = Math.max(0.2, (totalSeconds - MIN_GAP * gaps) / speech);
            gap = MIN_GAP;
        }

        StringBuilder text = new StringBuilder();
        ArrayNode objects = Json.array();
        ArrayNode withTools = Json.array();
        double clock = gap;
        for (Line line : spoken) {
            if (line.isTool()) {
                if (tool != null) {
                    withTools.add(Json.object().put("role", "tool_call_invocation")
                            .put("tool_call_id", tool.toolCallId()).put("name", tool.name())
                            .put("arguments", tool.arguments()));
                    withTools.add(Json.object().put("role", "tool_call_result")
                            .put("tool_call_id", tool.toolCallId()).put("content", tool.content())
                            .put("successful", tool.successful()));
                }
                continue;
            }
            ObjectNode utterance = Json.object().put("role", line.role()).put("content", line.text());
            ArrayNode timed = utterance.putArray("words");
            for (String word : words(line.text())) {
                double length = wordLength(word) * factor;
                timed.add(Json.object().put("word", word).put("start", round(clock)).put("end", round(clock + length)));
                clock += length;
            }
            clock += gap;
            objects.add(utterance);
            withTools.add(utterance.deepCopy());
            text.append("agent".equals(line.role()) ? "Agent: " : "User: ").append(line.text()).append('\n');
        }
        ObjectNode result = Json.object();
        result.put("transcript", text.toString());
        result.set("transcript_object", objects);
        result.set("transcript_with_tool_calls", withTools);
        return result;
    }

    /** The plain transcript of the turns spoken so far (sent with a tool request). */
    public static String plain(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            if (!line.isTool() && !Conversation.TOOL_RESULT.equals(line.text())) {
                text.append("agent".equals(line.role()) ? "Agent: " : "User: ").append(line.text()).append('\n');
            }
        }
        return text.toString();
    }

    /** How many utterances the rendered transcript has (for the recording's tones). */
    public static int utterances(JsonNode transcriptObject) {
        return transcriptObject == null ? 0 : transcriptObject.size();
    }

    private static String resultSentence(ToolOutcome tool) {
        if (tool == null) {
            return "I wasn't able to look that up just now, but we'll follow up.";
        }
        if (!tool.successful()) {
            return "I'm sorry, I couldn't get that information right now. We'll follow up with you.";
        }
        return "Alright, I've got it: " + summary(tool.content());
    }

    private static String summary(String content) {
        String text = content == null ? "" : content.strip();
        try {
            JsonNode json = Json.parse(text);
            if (json.isString()) {
                text = json.stringValue();
            } else if (json.isObject()) {
                for (String key : new String[] {"message", "result", "summary", "status", "confirmation"}) {
                    if (json.get(key) != null && json.get(key).isValueNode()) {
                        text = json.get(key).asString();
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            // not JSON: speak the text as it is
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "that's done.";
        }
        if (text.length() > 160) {
            text = text.substring(0, 157) + "...";
        }
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Seconds a word takes to say: about 2.6 words a second, longer words longer. */
    private static double wordLength(String word) {
        return Math.min(0.8, Math.max(0.16, 0.1 + 0.055 * word.length()));
    }

    private static double round(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
