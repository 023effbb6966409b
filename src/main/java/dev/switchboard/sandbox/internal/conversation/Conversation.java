package dev.switchboard.sandbox.internal.conversation;

import dev.switchboard.sandbox.internal.http.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The script of one connected call, written before it starts from the agent's prompt, its
 * {@code begin_message} and the call's dynamic variables: a greeting by name, the purpose taken
 * from the prompt, a short exchange shaped by the person's mood and requests, and a closing.
 *
 * @param lines     the turns in order; a {@code tool} line marks where the custom tool is called
 * @param purpose   why the agent calls, phrased to follow "I'm calling"
 * @param person    the person's first name, or {@code null}
 * @param tool      the custom tool the agent calls, or {@code null}
 * @param toolArgs  the arguments it calls it with
 * @param voicemail whether the call reached an answering machine
 */
public record Conversation(List<Line> lines, String purpose, String person, String agentName, String company,
        JsonNode tool, ObjectNode toolArgs, boolean voicemail) {

    private static final String[] DETAILS = {
            "It only takes a few minutes, and there's no obligation.",
            "Everything is set up around your schedule.",
            "We'll send you a confirmation by text afterwards.",
            "If anything changes, you can always reach us at this number.",
    };

    /** Marks the agent line after a tool call that speaks its result. */
    static final String TOOL_RESULT = "\u0000tool-result";

    /**
     * What the script is written from.
     *
     * @param agentName   the agent's {@code agent_name}
     * @param llm         the agent's Retell LLM ({@code general_prompt}, {@code begin_message}, tools), or {@code null}
     * @param variables   the call's dynamic variables, defaults of the LLM included
     * @param personNumber the number called
     * @param today       the date of the call, for dates in tool arguments
     */
    public record Setting(String agentName, JsonNode llm, Map<String, String> variables, String personNumber,
            LocalDate today, JsonNode voicemailOption) {
    }

    /** What the person does on this call, drawn before the call starts. */
    public record Mood(Sentiment sentiment, boolean callbackRequested, boolean doNotCallRequested) {
    }

    /** The script of a call answered by a person. */
    public static Conversation answered(Setting setting, Mood mood, SplittableRandom random) {
        Map<String, String> vars = setting.variables();
        String prompt = Templates.render(Json.text(setting.llm(), "general_prompt"), vars);
        String purpose = Purpose.of(prompt);
        String person = Templates.firstName(vars);
        String company = company(vars, prompt);
        String agent = agentName(setting.agentName());
        List<JsonNode> customTools = customTools(setting.llm());
        JsonNode tool = customTools.isEmpty() ? null : customTools.get(random.nextInt(customTools.size()));
        ObjectNode args = tool == null ? null
                : ToolArgs.fill(tool.get("parameters"), vars, setting.personNumber(), setting.today(), random);

        List<Line> lines = new ArrayList<>();
        String begin = Json.missing(setting.llm(), "begin_message") ? null
                : Templates.render(Json.text(setting.llm(), "begin_message"), vars);
        if (begin != null && begin.isBlank()) {
            lines.add(Line.user(pick(random, "Hello?", "Hello, who is this?", "Yes, hello?")));
            lines.add(Line.agent(greeting(person, agent, company, random)));
        } else {
            lines.add(Line.agent(begin != null ? begin : greeting(person, agent, company, random)));
            lines.add(Line.user(person != null
                    ? pick(random, "Yes, this is " + person + ".", "Speaking.", "Hi, yes, " + person + " here.")
                    : pick(random, "Hi, who's calling?", "Yes?", "Hello, yes.")));
        }
        lines.add(Line.agent(pick(random, "Great. I'm calling " + purpose + ".",
                "Thanks for picking up. I'm calling " + purpose + ".",
                "I'll be quick: I'm calling " + purpose + ".")));

        if (mood.doNotCallRequested()) {
            lines.add(Line.user(pick(random, "Please take me off your list and don't call me again.",
                    "I'm not interested. Please stop calling this number.",
                    "Don't call me again, please remove my number.")));
            lines.add(Line.agent("I understand" + (person != null ? ", " + person : "")
                    + ". I've noted that you don't want to be called again. Sorry for the trouble. Goodbye."));
            return new Conversation(List.copyOf(lines), purpose, person, agent, company, null, null, false);
        }
        if (mood.callbackRequested()) {
            lines.add(Line.user(pick(random, "This isn't a good time. Could you call me back later?",
                    "I'm driving right now, can you call me back tomorrow?",
                    "Can you call me back in the afternoon? I'm in a meeting.")));
            lines.add(Line.agent("Of course. I'll make a note to call you back at a better time."));
            lines.add(Line.user("Thanks."));
            lines.add(Line.agent("Talk to you soon. Goodbye!"));
            return new Conversation(List.copyOf(lines), purpose, person, agent, company, null, null, false);
        }
        switch (mood.sentiment()) {
            case Positive -> {
                lines.add(Line.user(pick(random, "Oh great, thanks for calling.", "Yes, that works for me.",
                        "Perfect, I was hoping to hear from you.")));
                lines.add(Line.agent(pick(random, "Wonderful, I'm glad to hear that.", "That's great to hear.",
                        "Excellent.") + " " + pick(random, DETAILS)));
                lines.add(Line.user(pick(random, "Sounds good to me.", "Great, let's do that.", "Yes, please.")));
            }
            case Negative -> {
                lines.add(Line.user(pick(random, "Hmm, I'm not sure about this.",
                        "I don't really have time for this.", "I'm not convinced, to be honest.")));
                lines.add(Line.agent("I completely understand. " + pick(random, DETAILS)));
                lines.add(Line.user(pick(random, "I'll think about it.", "Maybe some other time.",
                        "I don't think it's for me.")));
            }
            default -> {
                lines.add(Line.user(pick(random, "Okay. Can you tell me a bit more?", "I see. Go on.",
                        "Alright, what do you need from me?")));
                lines.add(Line.agent("Of course. " + pick(random, DETAILS)));
                lines.add(Line.user(pick(random, "Okay, that sounds reasonable.", "Alright, I understand.",
                        "Hmm, okay.")));
            }
        }
        if (tool != null) {
            lines.add(Line.agent(toolLeadIn(tool, vars, random)));
            lines.add(Line.tool());
            lines.add(Line.agent(TOOL_RESULT));
            lines.add(Line.user(mood.sentiment() == Sentiment.Negative ? "Okay." : pick(random, "Great, thank you.",
                    "That's helpful, thanks.", "Sounds good.")));
        }
        switch (mood.sentiment()) {
            case Positive -> {
                lines.add(Line.agent("Is there anything else I can help you with today?"));
                lines.add(Line.user(pick(random, "No, that's all. Thank you!", "No, I think we're good.")));
            }
            case Negative -> {
                lines.add(Line.agent("I understand. If you change your mind, feel free to reach out to us."));
                lines.add(Line.user("Okay."));
            }
            default -> {
                lines.add(Line.agent("Does that work for you?"));
                lines.add(Line.user(pick(random, "I think so, yes.", "Yes, that's fine.")));
            }
        }
        lines.add(Line.agent("Thank you for your time" + (person != null ? ", " + person : "")
                + ". Have a great day!"));
        lines.add(Line.user(pick(random, "You too, bye.", "Bye.", "Thanks, bye now.")));
        return new Conversation(List.copyOf(lines), purpose, person, agent, company, tool, args, false);
    }

    /** The script of a call that reached an answering machine. */
    public static Conversation voicemail(Setting setting, SplittableRandom random) {
        Map<String, String> vars = setting.variables();
        String prompt = Templates.render(Json.text(setting.llm(), "general_prompt"), vars);
        String purpose = Purpose.of(prompt);
        String person = Templates.firstName(vars);
        String company = company(vars, prompt);
        String agent = agentName(setting.agentName());
        List<Line> lines = new ArrayList<>();
        lines.add(Line.user("Hi, you've reached " + (person != null ? person : "this number")
                + ". I can't take your call right now. Please leave a message after the tone."));
        JsonNode action = setting.voicemailOption() == null ? null : setting.voicemailOption().get("action");
        String type = Json.text(action, "type");
        if ("static_text".equals(type) && Json.text(action, "text") != null) {
            lines.add(Line.agent(Templates.render(Json.text(action, "text"), vars)));
        } else if (!"hangup".equals(type)) {
            lines.add(Line.agent("Hi" + (person != null ? " " + person : "") + ", this is " + agent
                    + (company != null ? " from " + company : "") + ". I'm calling " + purpose
                    + ". Please call us back when you get a chance. Thank you!"));
        }
        return new Conversation(List.copyOf(lines), purpose, person, agent, company, null, null, true);
    }

    /** The turns spoken before the tool is called, for the call object sent along with the tool request. */
    public List<Line> linesBeforeTool() {
        List<Line> before = new ArrayList<>();
        for (Line line : lines) {
            if (line.isTool()) {
                break;
            }
            before.add(line);
        }
        return before;
    }

    /** The custom tools of a Retell LLM: {@code general_tools} and every state's {@code tools}. */
    static List<JsonNode> customTools(JsonNode llm) {
        List<JsonNode> tools = new ArrayList<>();
        if (llm == null) {
            return tools;
        }
        collectCustom(llm.get("general_tools"), tools);
        JsonNode states = llm.get("states");
        if (states != null && states.isArray()) {
            for (JsonNode state : states) {
                collectCustom(state.get("tools"), tools);
            }
        }
        return tools;
    }

    private static void collectCustom(JsonNode list, List<JsonNode> into) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode tool : list) {
            if ("custom".equals(Json.text(tool, "type")) && Json.text(tool, "url") != null) {
                into.add(tool);
            }
        }
    }

    private static String toolLeadIn(JsonNode tool, Map<String, String> vars, SplittableRandom random) {
        String message = Json.text(tool, "execution_message_description");
        if (message != null && !Boolean.FALSE.equals(Json.booleanValue(tool, "speak_during_execution"))
                && "static_text".equals(Json.text(tool, "execution_message_type"))) {
            return Templates.render(message, vars);
        }
        return pick(random, "Let me check that for you.", "One moment while I look that up.",
                "Give me a second to pull that up.");
    }

    private static String greeting(String person, String agent, String company, SplittableRandom random) {
        String hello = person != null ? pick(random, "Hi " + person, "Hello " + person, "Good day " + person)
                : pick(random, "Hi there", "Hello");
        return hello + ", this is " + agent + (company != null ? " from " + company : "") + ".";
    }

    private static String company(Map<String, String> vars, String prompt) {
        String company = Templates.company(vars);
        return company != null ? company : Purpose.company(prompt);
    }

    private static String agentName(String agentName) {
        if (agentName == null || agentName.isBlank()) {
            return "your assistant";
        }
        return agentName.strip();
    }

    static String pick(SplittableRandom random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
