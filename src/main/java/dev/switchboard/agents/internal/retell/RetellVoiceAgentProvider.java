package dev.switchboard.agents.internal.retell;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.platform.ProviderClient;
import dev.switchboard.platform.ProviderFailure;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retell AI over its HTTP API (paths and fields as in the {@code retell-sdk} package). The
 * embedded sandbox answers the same API, so this adapter serves both; only the base URL and
 * key differ. An agent is two Retell objects: a Retell LLM (prompt, first message, tools) and
 * the agent (voice, language, webhook) that uses it.
 */
@Component
class RetellVoiceAgentProvider implements VoiceAgentProvider {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** The seed's limit for batch creation, so a user never waits on an endless spinner. */
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(25);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderClient.Factory clients;

    RetellVoiceAgentProvider(ProviderClient.Factory clients) {
        this.clients = clients;
    }

    @Override
    public String id() {
        return "retell";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.BATCH_CALLS, Capability.TOOLS, Capability.VOICES, Capability.PHONE_NUMBERS,
                Capability.CALL_LISTING);
    }

    @Override
    public ProviderAgent upsertAgent(ProviderAccount account, AgentSpec agent) {
        Map<String, Object> llm = new LinkedHashMap<>();
        llm.put("general_prompt", agent.prompt());
        llm.put("begin_message", agent.beginMessage());
        List<Map<String, Object>> tools = new ArrayList<>();
        for (ToolSpec tool : agent.tools()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("type", "custom");
            t.put("name", tool.name());
            t.put("description", tool.description());
            t.put("url", tool.url());
            t.put("parameters", tool.parameters() == null ? Map.of("type", "object", "properties", Map.of()) : tool.parameters());
            t.put("speak_during_execution", false);
            t.put("speak_after_execution", true);
            tools.add(t);
        }
        llm.put("general_tools", tools);
        String llmId = agent.providerEngineId();
        if (llmId == null) {
            llmId = call(account, "POST", "/create-retell-llm", llm, DEFAULT_TIMEOUT, false).path("llm_id").asString(null);
            if (llmId == null) {
                throw unexpected(account, "create-retell-llm answered without llm_id");
            }
        } else {
            call(account, "PATCH", "/update-retell-llm/" + path(llmId), llm, DEFAULT_TIMEOUT, true);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_name", agent.name());
        body.put("voice_id", agent.voiceId());
        if (agent.language() != null) {
            body.put("language", agent.language());
        }
        if (agent.webhookUrl() != null) {
            body.put("webhook_url", agent.webhookUrl());
        }
        String agentId = agent.providerAgentId();
        if (agentId == null) {
            body.put("response_engine", Map.of("type", "retell-llm", "llm_id", llmId));
            agentId = call(account, "POST", "/create-agent", body, DEFAULT_TIMEOUT, false).path("agent_id").asString(null);
            if (agentId == null) {
                throw unexpected(account, "create-agent answered without agent_id");
            }
        } else {
            call(account, "PATCH", "/update-agent/" + path(agentId), body, DEFAULT_TIMEOUT, true);
        }
        return new ProviderAgent(agentId, llmId);
    }

    @Override
    public void deleteAgent(ProviderAccount account, ProviderAgent agent) {
        if (agent.agentId() != null) {
            ignoreNotFound(() -> call(account, "DELETE", "/delete-agent/" + path(agent.agentId()), null, DEFAULT_TIMEOUT, true));
        }
        if (agent.engineId() != null) {
            ignoreNotFound(() -> call(account, "DELETE", "/delete-retell-llm/" + path(agent.engineId()), null, DEFAULT_TIMEOUT, true));
        }
    }

    @Override
    public List<Voice> listVoices(ProviderAccount account) {
        JsonNode voices = call(account, "GET", "/list-voices", null, DEFAULT_TIMEOUT, true);
        List<Voice> list = new ArrayList<>();
        for (JsonNode v : voices) {
            list.add(new Voice(v.path("voice_id").asString(), v.path("voice_name").asString(v.path("voice_id").asString()),
                    v.path("provider").asString(null), v.path("gender").asString(null), v.path("accent").asString(null),
                    v.path("preview_audio_url").asString(null)));
        }
        return list;
    }

    @Override
    public StartedCall startPhoneCall(ProviderAccount account, PhoneCallRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from_number", request.fromNumber());
        body.put("to_number", request.toNumber());
        if (request.agentId() != null) {
            body.put("override_agent_id", request.agentId());
        }
        if (request.dynamicVariables() != null && !request.dynamicVariables().isEmpty()) {
            body.put("retell_llm_dynamic_variables", request.dynamicVariables());
        }
        if (request.metadata() != null && !request.metadata().isEmpty()) {
            body.put("metadata", request.metadata());
        }
        JsonNode call = call(account, "POST", "/v2/create-phone-call", body, Duration.ofSeconds(20), false);
        return new StartedCall(call.path("call_id").asString(), call.path("call_status").asString("registered"));
    }

    @Override
    public StartedBatch startBatch(ProviderAccount account, BatchRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from_number", request.fromNumber());
        body.put("name", request.name());
        List<Map<String, Object>> tasks = new ArrayList<>(request.tasks().size());
        for (BatchTask task : request.tasks()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("to_number", task.toNumber());
            if (task.agentId() != null) {
                t.put("override_agent_id", task.agentId());
            }
            if (task.dynamicVariables() != null && !task.dynamicVariables().isEmpty()) {
                t.put("retell_llm_dynamic_variables", task.dynamicVariables());
            }
            if (!task.metadata().isEmpty()) {
                t.put("metadata", task.metadata());
            }
            tasks.add(t);
        }
        body.put("tasks", tasks);
        if (request.reservedConcurrency() != null) {
            body.put("reserved_concurrency", request.reservedConcurrency());
        }
        if (request.triggerAt() != null) {
            body.put("trigger_timestamp", request.triggerAt().toEpochMilli());
        }
        if (request.callWindow() != null) {
            Map<String, Object> window = new LinkedHashMap<>();
            List<Map<String, Integer>> windows = new ArrayList<>();
            for (int[] w : request.callWindow().windows()) {
                windows.add(Map.of("start", w[0], "end", w[1]));
            }
            window.put("windows", windows);
            window.put("timezone", request.callWindow().timeZone());
            if (request.callWindow().days() != null && !request.callWindow().days().isEmpty()) {
                window.put("day", request.callWindow().days());
            }
            body.put("call_time_window", window);
        }
        JsonNode batch = call(account, "POST", "/create-batch-call", body, BATCH_TIMEOUT, false);
        return new StartedBatch(batch.path("batch_call_id").asString(), batch.path("total_task_count").asInt(tasks.size()),
                batch.has("scheduled_timestamp") ? Instant.ofEpochMilli(batch.path("scheduled_timestamp").asLong()) : null);
    }

    @Override
    public void cancelBatch(ProviderAccount account, String providerBatchId) {
        throw new ProviderException(provider(account), ProviderException.Kind.UNSUPPORTED,
                "Retell cannot cancel a batch once it is created. Use Switchboard's own dialing for campaigns you may "
                        + "need to stop.", null, null);
    }

    @Override
    public BatchStatus inspectBatch(ProviderAccount account, String providerBatchId) {
        int total = 0;
        int ended = 0;
        int started = 0;
        for (ProviderCall call : calls(account, Map.of("batch_call_id",
                Map.of("type", "string", "op", "eq", "value", providerBatchId)), 10_000)) {
            total++;
            if (!"registered".equals(call.status())) {
                started++;
            }
            if ("ended".equals(call.status()) || "error".equals(call.status()) || "not_connected".equals(call.status())) {
                ended++;
            }
        }
        return new BatchStatus(providerBatchId, total > 0 && ended == total ? "completed" : "processing", total, started, ended);
    }

    @Override
    public void importPhoneNumber(ProviderAccount account, String phoneNumber, String inboundAgentId, String outboundAgentId,
                                  String nickname) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone_number", phoneNumber);
        String termination = account.setting("terminationUri");
        body.put("termination_uri", termination == null ? "switchboard.pstn.twilio.com" : termination);
        if (inboundAgentId != null) {
            body.put("inbound_agent_id", inboundAgentId);
        }
        if (outboundAgentId != null) {
            body.put("outbound_agent_id", outboundAgentId);
        }
        if (nickname != null) {
            body.put("nickname", nickname);
        }
        call(account, "POST", "/import-phone-number", body, DEFAULT_TIMEOUT, false);
    }

    @Override
    public void updatePhoneNumber(ProviderAccount account, String phoneNumber, String inboundAgentId, String outboundAgentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inbound_agent_id", inboundAgentId);
        body.put("outbound_agent_id", outboundAgentId);
        call(account, "PATCH", "/update-phone-number/" + path(phoneNumber), body, DEFAULT_TIMEOUT, true);
    }

    @Override
    public Concurrency concurrency(ProviderAccount account) {
        JsonNode c = call(account, "GET", "/get-concurrency", null, DEFAULT_TIMEOUT, true);
        return new Concurrency(c.path("current_concurrency").asInt(0), c.path("concurrency_limit").asInt(20));
    }

    @Override
    public Optional<ProviderCall> getCall(ProviderAccount account, String providerCallId) {
        try {
            return Optional.of(toCall(call(account, "GET", "/v2/get-call/" + path(providerCallId), null, DEFAULT_TIMEOUT, true)));
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ProviderCall> listCalls(ProviderAccount account, Instant since, int limit) {
        // v3 filters are typed: {type, op, value}.
        return calls(account, Map.of("start_timestamp",
                Map.of("type", "number", "op", "ge", "value", since.toEpochMilli())), limit);
    }

    private List<ProviderCall> calls(ProviderAccount account, Map<String, Object> filter, int limit) {
        List<ProviderCall> all = new ArrayList<>();
        String paginationKey = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("filter_criteria", filter);
            body.put("sort_order", "descending");
            body.put("limit", Math.min(1000, limit - all.size()));
            if (paginationKey != null) {
                body.put("pagination_key", paginationKey);
            }
            JsonNode page = call(account, "POST", "/v3/list-calls", body, Duration.ofSeconds(30), true);
            JsonNode items = page.isArray() ? page : page.has("calls") ? page.get("calls") : page.path("items");
            String last = null;
            for (JsonNode c : items) {
                all.add(toCall(c));
                last = c.path("call_id").asString(null);
            }
            boolean more = !page.isArray() && page.path("has_more").asBoolean(items.size() > 0
                    && items.size() == (int) body.get("limit"));
            paginationKey = more ? page.path("pagination_key").asString(last) : null;
        } while (paginationKey != null && all.size() < limit);
        return all;
    }

    private static ProviderCall toCall(JsonNode c) {
        return new ProviderCall(c.path("call_id").asString(), c.path("agent_id").asString(null), c.path("call_status").asString(null),
                c.path("direction").asString(null), c.path("from_number").asString(null), c.path("to_number").asString(null),
                c.has("start_timestamp") ? Instant.ofEpochMilli(c.path("start_timestamp").asLong()) : null,
                c.has("end_timestamp") ? Instant.ofEpochMilli(c.path("end_timestamp").asLong()) : null,
                c.path("disconnection_reason").asString(null), c.path("batch_call_id").asString(null), c.toString());
    }

    private JsonNode call(ProviderAccount account, String method, String path, Object body, Duration timeout, boolean idempotent) {
        ProviderClient client = clients.client(provider(account), account.baseUrl(), account.apiKey());
        ProviderClient.Request request = ProviderClient.Request.json(method, path, body == null ? null : JSON.writeValueAsString(body),
                timeout, idempotent).withHeader("Authorization", "Bearer " + account.apiKey());
        ProviderClient.Response response;
        try {
            response = client.send(request);
        } catch (ProviderFailure failure) {
            throw RetellErrors.fromFailure(provider(account), failure);
        }
        if (!response.ok()) {
            throw RetellErrors.fromResponse(provider(account), response.status(), response.text());
        }
        String text = response.text();
        return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }

    private static void ignoreNotFound(Runnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    private static ProviderException unexpected(ProviderAccount account, String what) {
        return new ProviderException(provider(account), ProviderException.Kind.REJECTED,
                "The voice provider gave an answer Switchboard does not understand. Try again later.", what, null);
    }

    static String provider(ProviderAccount account) {
        return account.provider().toLowerCase(Locale.ROOT);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
