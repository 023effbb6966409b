package dev.switchboard.sandbox.internal.conversation;

import dev.switchboard.sandbox.internal.http.Json;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Post-call analysis in Retell's {@code call_analysis} shape: {@code call_summary},
 * {@code user_sentiment}, {@code call_successful}, {@code in_voicemail} and
 * {@code custom_analysis_data}. The custom data always carries {@code callback_requested} and
 * {@code do_not_call_requested}, plus a value for each field of the agent's
 * {@code post_call_analysis_data}.
 */
public final class Analysis {

    private Analysis() {
    }

    public static ObjectNode answered(Conversation conversation, Conversation.Mood mood, ToolOutcome tool,
            JsonNode postCallAnalysisData, SplittableRandom random) {
        String who = conversation.person() != null ? conversation.person() : "the person called";
        StringBuilder summary = new StringBuilder(conversation.agentName()).append(" called ").append(who)
                .append(' ').append(Purpose.toThirdPerson(conversation.purpose())).append(". ");
        boolean successful;
        if (mood.doNotCallRequested()) {
            summary.append(capitalize(who)).append(" asked not to be called again, and the agent agreed to remove the "
                    + "number from the calling list.");
            successful = false;
        } else if (mood.callbackRequested()) {
            summary.append(capitalize(who)).append(" was busy and asked to be called back at a better time.");
            successful = false;
        } else {
            summary.append(switch (mood.sentiment()) {
                case Positive -> capitalize(who) + " was receptive and agreed.";
                case Negative -> capitalize(who) + " was not interested.";
                default -> capitalize(who) + " listened and asked for more details.";
            });
            if (tool != null) {
                summary.append(tool.successful() ? " The agent used " + tool.name() + " during the call."
                        : " The agent tried to use " + tool.name() + ", but it failed.");
            }
            successful = mood.sentiment() != Sentiment.Negative;
        }
        ObjectNode analysis = Json.object();
        analysis.put("call_summary", capitalize(summary.toString().strip()));
        analysis.put("in_voicemail", false);
        analysis.put("user_sentiment", (mood.doNotCallRequested() ? Sentiment.Negative : mood.sentiment()).name());
        analysis.put("call_successful", successful);
        analysis.set("custom_analysis_data", custom(postCallAnalysisData, mood.callbackRequested(),
                mood.doNotCallRequested(), true, random));
        return analysis;
    }

    public static ObjectNode voicemail(Conversation conversation, JsonNode postCallAnalysisData, SplittableRandom random) {
        boolean left = conversation.lines().size() > 1;
        ObjectNode analysis = Json.object();
        analysis.put("call_summary", "The call reached voicemail"
                + (left ? "; the agent left a message " + Purpose.toThirdPerson(conversation.purpose())
                        + " and asked for a call back."
                        : " and the agent hung up without leaving a message."));
        analysis.put("in_voicemail", true);
        analysis.put("user_sentiment", Sentiment.Neutral.name());
        analysis.put("call_successful", false);
        analysis.set("custom_analysis_data", custom(postCallAnalysisData, false, false, false, random));
        return analysis;
    }

    public static ObjectNode notConnected(String disconnectionReason, JsonNode postCallAnalysisData,
            SplittableRandom random) {
        String why = switch (disconnectionReason) {
            case "dial_no_answer" -> "nobody answered";
            case "dial_busy" -> "the line was busy";
            case "invalid_destination" -> "the number called does not exist";
            default -> "the call could not be placed";
        };
        ObjectNode analysis = Json.object();
        analysis.put("call_summary", "The call did not connect: " + why + ".");
        analysis.put("in_voicemail", false);
        analysis.put("user_sentiment", Sentiment.Unknown.name());
        analysis.put("call_successful", false);
        analysis.set("custom_analysis_data", custom(postCallAnalysisData, false, false, false, random));
        return analysis;
    }

    private static ObjectNode custom(JsonNode definitions, boolean callback, boolean doNotCall, boolean talked,
            SplittableRandom random) {
        ObjectNode data = Json.object();
        data.put("callback_requested", callback);
        data.put("do_not_call_requested", doNotCall);
        if (definitions == null || !definitions.isArray()) {
            return data;
        }
        for (JsonNode field : definitions) {
            String name = Json.text(field, "name");
            String type = Json.text(field, "type");
            if (name == null || type == null || "system-presets".equals(type)) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            switch (type) {
                case "boolean" -> {
                    if (key.contains("callback") || key.contains("call_back")) {
                        data.put(name, callback);
                    } else if (key.contains("dnc") || key.contains("do_not_call") || key.contains("opt_out")
                            || key.contains("unsubscribe")) {
                        data.put(name, doNotCall);
                    } else {
                        data.put(name, talked && random.nextBoolean());
                    }
                }
                case "number" -> data.put(name, talked ? 1 + random.nextInt(5) : 0);
                case "enum" -> {
                    JsonNode choices = field.get("choices");
                    if (choices != null && choices.isArray() && !choices.isEmpty()) {
                        data.set(name, choices.get(random.nextInt(choices.size())).deepCopy());
                    }
                }
                default -> {
                    if (talked) {
                        JsonNode examples = field.get("examples");
                        data.put(name, examples != null && examples.isArray() && !examples.isEmpty()
                                ? examples.get(random.nextInt(examples.size())).asString()
                                : "Mentioned during the call");
                    }
                }
            }
        }
        return data;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
