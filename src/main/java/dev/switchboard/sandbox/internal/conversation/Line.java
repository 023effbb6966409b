package dev.switchboard.sandbox.internal.conversation;

/**
 * One spoken turn ({@code role} {@code agent} or {@code user}), or the place in the conversation
 * where the agent calls its tool ({@code role} {@code tool}, no text).
 */
public record Line(String role, String text) {

    static Line agent(String text) {
        return new Line("agent", text);
    }

    static Line user(String text) {
        return new Line("user", text);
    }

    static Line tool() {
        return new Line("tool", "");
    }

    boolean isTool() {
        return "tool".equals(role);
    }
}
