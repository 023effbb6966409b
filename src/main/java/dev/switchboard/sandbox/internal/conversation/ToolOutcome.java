package dev.switchboard.sandbox.internal.conversation;

/**
 * What one custom tool call returned.
 *
 * @param toolCallId the id shared by the invocation and result turns
 * @param name       the tool's name
 * @param arguments  the arguments, as a JSON string (as in Retell's transcript)
 * @param content    the response body (at most 15,000 characters), or what went wrong
 * @param successful whether the endpoint answered 2xx
 */
public record ToolOutcome(String toolCallId, String name, String arguments, String content, boolean successful) {
}
