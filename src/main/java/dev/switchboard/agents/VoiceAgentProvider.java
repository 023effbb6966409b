package dev.switchboard.agents;

import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A voice-AI provider: hosts agents, places AI phone calls (one by one or in batches), owns
 * phone numbers and reports concurrency. One adapter per vendor ({@code retell}, {@code vapi},
 * {@code sandbox}); vendor DTOs stay inside the adapter. Every method may throw
 * {@link ProviderException} with a user-facing message.
 */
public interface VoiceAgentProvider {

    /** What a provider can do; callers check before relying on it. */
    enum Capability { BATCH_CALLS, TOOLS, VOICES, PHONE_NUMBERS, CALL_LISTING }

    String id();

    Set<Capability> capabilities();

    /** Creates the agent at the provider, or updates it when {@code agent.providerAgentId()} is set. */
    ProviderAgent upsertAgent(ProviderAccount account, AgentSpec agent);

    /** Deletes the agent (and what the provider created for it); unknown agents are ignored. */
    void deleteAgent(ProviderAccount account, ProviderAgent agent);

    List<Voice> listVoices(ProviderAccount account);

    StartedCall startPhoneCall(ProviderAccount account, PhoneCallRequest request);

    StartedBatch startBatch(ProviderAccount account, BatchRequest request);

    void cancelBatch(ProviderAccount account, String providerBatchId);

    BatchStatus inspectBatch(ProviderAccount account, String providerBatchId);

    /** Makes a number the provider can call from and answer on (import of a carrier number). */
    void importPhoneNumber(ProviderAccount account, String phoneNumber, String inboundAgentId, String outboundAgentId,
                           String nickname);

    /** Sets which agents answer and place calls on a number; null leaves an agent unset. */
    void updatePhoneNumber(ProviderAccount account, String phoneNumber, String inboundAgentId, String outboundAgentId);

    Concurrency concurrency(ProviderAccount account);

    Optional<ProviderCall> getCall(ProviderAccount account, String providerCallId);

    /** Calls that started at or after {@code since}, newest first, at most {@code limit}. */
    List<ProviderCall> listCalls(ProviderAccount account, Instant since, int limit);

    /**
     * An agent as Switchboard defines it.
     *
     * @param providerAgentId  the provider's id when the agent exists there already, else null
     * @param providerEngineId the provider's id of the agent's language model/prompt object, if any
     * @param name             the agent's name
     * @param prompt           the prompt template, with {@code {{variable}}} placeholders
     * @param beginMessage     what the agent says first, or null to let the callee speak first
     * @param voiceId          the provider's voice id
     * @param language         BCP 47 language, such as {@code en-US}
     * @param tools            functions the agent may call during a call
     * @param webhookUrl       where the provider reports call events for this agent
     */
    record AgentSpec(String providerAgentId, String providerEngineId, String name, String prompt, String beginMessage,
                     String voiceId, String language, List<ToolSpec> tools, String webhookUrl) {
        public AgentSpec {
            tools = tools == null ? List.of() : List.copyOf(tools);
        }
    }

    /** A function an agent may call: its HTTP endpoint and its JSON-schema parameters. */
    record ToolSpec(String name, String description, String url, Map<String, Object> parameters) {
    }

    /** The provider's ids for an agent. */
    record ProviderAgent(String agentId, String engineId) {
    }

    record Voice(String id, String name, String provider, String gender, String accent, String previewUrl) {
    }

    /**
     * One AI call.
     *
     * @param fromNumber       the caller id (E.164), owned by or imported into the account
     * @param toNumber         the destination (E.164)
     * @param agentId          the provider agent to use, or null for the number's outbound agent
     * @param dynamicVariables values for the prompt's placeholders
     * @param metadata         Switchboard's own references, echoed back in webhooks
     */
    record PhoneCallRequest(String fromNumber, String toNumber, String agentId, Map<String, String> dynamicVariables,
                            Map<String, String> metadata) {
    }

    record StartedCall(String providerCallId, String status) {
    }

    /**
     * A batch of AI calls the provider dials itself.
     *
     * @param reservedConcurrency slots the provider keeps free for other calls while this batch runs
     * @param triggerAt           when to start, or null for now
     * @param callWindow          when calls may be placed, or null for any time
     */
    record BatchRequest(String name, String fromNumber, List<BatchTask> tasks, Integer reservedConcurrency,
                        Instant triggerAt, CallWindow callWindow) {
        public BatchRequest {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One call of a batch.
     *
     * @param agentId  the provider agent to use, or null for the number's outbound agent
     * @param metadata Switchboard's own references, echoed back in the call's webhooks (may be empty)
     */
    record BatchTask(String toNumber, String agentId, Map<String, String> dynamicVariables, Map<String, String> metadata) {
        public BatchTask {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        public BatchTask(String toNumber, String agentId, Map<String, String> dynamicVariables) {
            this(toNumber, agentId, dynamicVariables, Map.of());
        }
    }

    /**
     * Calling hours: each window is [startMinute, endMinute) after local midnight in {@code timeZone}
     * on the given days (all days when empty).
     */
    record CallWindow(List<int[]> windows, String timeZone, List<String> days) {
    }

    record StartedBatch(String providerBatchId, int totalTasks, Instant scheduledAt) {
    }

    record BatchStatus(String providerBatchId, String status, int total, int sent, int completed) {
    }

    /** The account's concurrent-call limit and how many run now. */
    record Concurrency(int current, int limit) {
    }

    /**
     * A call as the provider reports it, for reconciliation.
     *
     * @param status the provider's status word (kept as is; the calls module maps it)
     */
    record ProviderCall(String providerCallId, String agentId, String status, String direction, String fromNumber,
                        String toNumber, Instant startedAt, Instant endedAt, String disconnectionReason,
                        String providerBatchId, String rawJson) {
    }
}
