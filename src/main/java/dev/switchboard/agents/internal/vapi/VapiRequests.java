package dev.switchboard.agents.internal.vapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as Vapi's API defines them (npm {@code @vapi-ai/server-sdk}: CreateAssistantDto,
 * OpenAiModel, Server, CreateCallDto, CreateCustomerDto, AssistantOverrides, SchedulePlan,
 * CreateTwilioPhoneNumberDto, UpdateTwilioPhoneNumberDto). Absent values are left out rather
 * than sent as null, because Vapi treats an explicit null as "clear this".
 */
final class VapiRequests {

    private VapiRequests() {
    }

    /** POST /assistant and PATCH /assistant/{id}; always complete, since PATCH replaces nested objects. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Assistant(String name, Model model, Voice voice, Transcriber transcriber, String firstMessage,
                     String firstMessageMode, Server server) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(String provider, String model, List<Message> messages, List<String> toolIds) {
    }

    record Message(String role, String content) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Voice(String provider, String voiceId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transcriber(String provider, String language) {
    }

    /** Where Vapi sends server messages, and how it proves they come from Vapi. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Server(String url, String credentialId, Map<String, String> headers) {
    }

    /** POST /call, one customer or a batch of customers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Call(String name, String assistantId, String phoneNumberId, Customer customer, List<Customer> customers,
                Overrides assistantOverrides, SchedulePlan schedulePlan) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Customer(String number, Overrides assistantOverrides) {
    }

    /** Per-call values: {@code variableValues} fill the prompt's {{placeholders}}; metadata comes back in webhooks. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Overrides(Map<String, String> variableValues, Map<String, String> metadata) {

        static Overrides of(Map<String, String> variableValues, Map<String, String> metadata) {
            boolean none = (variableValues == null || variableValues.isEmpty()) && (metadata == null || metadata.isEmpty());
            return none ? null : new Overrides(variableValues, metadata);
        }
    }

    /** ISO 8601 instants between which Vapi may place the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SchedulePlan(String earliestAt, String latestAt) {
    }

    /** POST /phone-number: import a Twilio number with the organization's own Twilio credentials. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportTwilioNumber(String provider, String number, String twilioAccountSid, String twilioAuthToken,
                              String name, String assistantId) {
    }

    /** PATCH /phone-number/{id}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UpdateNumber(String provider, String name, String assistantId) {
    }
}
