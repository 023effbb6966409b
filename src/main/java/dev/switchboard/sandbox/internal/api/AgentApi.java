package dev.switchboard.sandbox.internal.api;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.ApiRequest;
import dev.switchboard.sandbox.internal.http.ApiResponse;
import dev.switchboard.sandbox.internal.http.Json;
import dev.switchboard.sandbox.internal.http.Router;
import dev.switchboard.sandbox.internal.telephony.Account;
import dev.switchboard.sandbox.internal.telephony.Accounts;
import dev.switchboard.sandbox.internal.telephony.Ids;
import dev.switchboard.sandbox.internal.telephony.VoiceCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Retell LLM response engines, agents and voices: the paths and shapes of the SDK's
 * {@code llm.ts}, {@code agent.ts} and {@code voice.ts}. Fields the sandbox does not interpret are
 * stored and echoed as sent.
 */
public final class AgentApi {

    private final Accounts accounts;
    private final Clock clock;

    public AgentApi(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.add("POST", "/create-retell-llm", this::createLlm)
                .add("GET", "/get-retell-llm/{id}", this::getLlm)
                .add("PATCH", "/update-retell-llm/{id}", this::updateLlm)
                .add("DELETE", "/delete-retell-llm/{id}", this::deleteLlm)
                .add("GET", "/list-retell-llms", r -> listLlms(r, false))
                .add("GET", "/v2/list-retell-llms", r -> listLlms(r, true))
                .add("POST", "/create-agent", this::createAgent)
                .add("GET", "/get-agent/{id}", this::getAgent)
                .add("PATCH", "/update-agent/{id}", this::updateAgent)
                .add("DELETE", "/delete-agent/{id}", this::deleteAgent)
                .add("GET", "/list-agents", this::listAgents)
                .add("POST", "/v2/list-agents", this::listAgentsPaged)
                .add("GET", "/list-voices", r -> ApiResponse.ok(VoiceCatalog.list()))
                .add("GET", "/get-voice/{id}", this::getVoice);
    }

    // Retell LLMs

    private ApiResponse createLlm(ApiRequest request) {
        JsonNode body = request.jsonObject();
        validateTools(body);
        ObjectNode llm = ((ObjectNode) body).deepCopy();
        String id = Ids.llm();
        llm.put("llm_id", id);
        llm.put("version", 0);
        llm.put("is_published", false);
        if (Json.missing(llm, "model") && Json.missing(llm, "s2s_model")) {
            llm.put("model", "gpt-4.1");
        }
        llm.put("last_modification_timestamp", clock.millis());
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            account.llms().put(id, llm);
            return ApiResponse.created(llm.deepCopy());
        }
    }

    private ApiResponse getLlm(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            return ApiResponse.ok(llm(account, request.param("id")).deepCopy());
        }
    }

    private ApiResponse updateLlm(ApiRequest request) {
        JsonNode body = request.jsonObject();
        validateTools(body);
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            ObjectNode llm = llm(account, request.param("id"));
            merge(llm, body, List.of("llm_id", "version", "last_modification_timestamp", "is_published"));
            llm.put("last_modification_timestamp", clock.millis());
            return ApiResponse.ok(llm.deepCopy());
        }
    }

    private ApiResponse deleteLlm(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            String id = request.param("id");
            llm(account, id);
            List<String> users = new ArrayList<>();
            account.agents().forEach((agentId, agent) -> {
                if (id.equals(Json.text(agent.get("response_engine"), "llm_id"))) {
                    users.add(agentId);
                }
            });
            if (!users.isEmpty() && !"true".equals(request.query("force_delete"))) {
                throw ApiException.badRequest("Retell LLM " + id + " is used by agent(s) " + String.join(", ", users)
                        + "; delete them first or pass force_delete=true");
            }
            account.llms().remove(id);
            return ApiResponse.noContent();
        }
    }

    private ApiResponse listLlms(ApiRequest request, boolean paged) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            List<ObjectNode> all = new ArrayList<>(account.llms().values());
            return list(request, all, "llm_id", paged, ObjectNode::deepCopy);
        }
    }

    // Agents

    private ApiResponse createAgent(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            if (Json.missing(body, "response_engine")) {
                throw ApiException.badRequest("response_engine is required, e.g. {\"type\": \"retell-llm\", "
                        + "\"llm_id\": \"llm_…\"}");
            }
            if (Json.missing(body, "voice_id")) {
                throw ApiException.badRequest("voice_id is required; see GET /list-voices");
            }
            validateAgent(account, body);
            ObjectNode agent = ((ObjectNode) body).deepCopy();
            String id = Ids.agent();
            agent.put("agent_id", id);
            agent.put("version", 0);
            agent.put("is_published", false);
            if (Json.missing(agent, "language")) {
                agent.put("language", "en-US");
            }
            stampEngineVersion(account, agent);
            agent.put("last_modification_timestamp", clock.millis());
            account.agents().put(id, agent);
            return ApiResponse.created(agent.deepCopy());
        }
    }

    private ApiResponse getAgent(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            return ApiResponse.ok(agent(account, request.param("id")).deepCopy());
        }
    }

    private ApiResponse updateAgent(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            ObjectNode agent = agent(account, request.param("id"));
            validateAgent(account, body);
            merge(agent, body, List.of("agent_id", "version", "last_modification_timestamp", "is_published"));
            stampEngineVersion(account, agent);
            agent.put("last_modification_timestamp", clock.millis());
            return ApiResponse.ok(agent.deepCopy());
        }
    }

    private ApiResponse deleteAgent(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            String id = request.param("id");
            agent(account, id);
            account.agents().remove(id);
            return ApiResponse.noContent();
        }
    }

    private ApiResponse listAgents(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            ArrayNode list = Json.array();
            account.agents().values().forEach(agent -> list.add(agent.deepCopy()));
            return ApiResponse.ok(list);
        }
    }

    /** {@code POST /v2/list-agents}: summaries, paged by the query string. */
    private ApiResponse listAgentsPaged(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            List<ObjectNode> all = new ArrayList<>(account.agents().values());
            Long limit = queryLong(request, "limit");
            List<ObjectNode> slice = Pages.page(all, a -> Json.text(a, "agent_id"), limit,
                    request.query("pagination_key"), request.query("sort_order"));
            return ApiResponse.ok(Pages.envelope(slice, limit, agent -> Json.object()
                    .put("agent_id", Json.text(agent, "agent_id"))
                    .put("agent_name", Json.text(agent, "agent_name") == null ? "" : Json.text(agent, "agent_name"))
                    .put("channel", "voice")
                    .set("tags", Json.object())
                    .put("user_modified_timestamp", agent.get("last_modification_timestamp").asLong()),
                    a -> Json.text(a, "agent_id")));
        }
    }

    private ApiResponse getVoice(ApiRequest request) {
        ObjectNode voice = VoiceCatalog.find(request.param("id"));
        if (voice == null) {
            throw ApiException.unknownAsset("voice " + request.param("id"));
        }
        return ApiResponse.ok(voice);
    }

    // Shared

    static ObjectNode llm(Account account, String id) {
        ObjectNode llm = account.llms().get(id);
        if (llm == null) {
            throw ApiException.unknownAsset("Retell LLM " + id);
        }
        return llm;
    }

    static ObjectNode agent(Account account, String id) {
        ObjectNode agent = account.agents().get(id);
        if (agent == null) {
            throw ApiException.unknownAsset("agent " + id);
        }
        return agent;
    }

    private static void validateAgent(Account account, JsonNode body) {
        JsonNode engine = body.get("response_engine");
        if (engine != null && !engine.isNull()) {
            String type = Json.text(engine, "type");
            if (type == null || !List.of("retell-llm", "custom-llm", "conversation-flow").contains(type)) {
                throw ApiException.badRequest("response_engine.type must be retell-llm, custom-llm or "
                        + "conversation-flow");
            }
            if (type.equals("retell-llm")) {
                String llmId = Json.text(engine, "llm_id");
                if (llmId == null || !account.llms().containsKey(llmId)) {
                    throw ApiException.badRequest("response_engine.llm_id " + llmId + " is not a Retell LLM of this "
                            + "account; create one with POST /create-retell-llm");
                }
            }
        }
        if (body.has("voice_id")) {
            String voice = Json.text(body, "voice_id");
            if (voice == null || VoiceCatalog.find(voice) == null) {
                throw ApiException.badRequest("voice_id " + voice + " is not a known voice; see GET /list-voices");
            }
        }
        String webhook = Json.text(body, "webhook_url");
        if (webhook != null && !webhook.isBlank() && !webhook.equals("null")
                && !(webhook.startsWith("http://") || webhook.startsWith("https://"))) {
            throw ApiException.badRequest("webhook_url must be an http(s) URL, but was " + webhook);
        }
    }

    private static void stampEngineVersion(Account account, ObjectNode agent) {
        JsonNode engine = agent.get("response_engine");
        if (engine instanceof ObjectNode object && "retell-llm".equals(Json.text(object, "type"))
                && Json.missing(object, "version")) {
            ObjectNode llm = account.llms().get(Json.text(object, "llm_id"));
            object.put("version", llm == null ? 0 : llm.get("version").asInt(0));
        }
    }

    private static void validateTools(JsonNode body) {
        checkTools(body.get("general_tools"), "general_tools");
        JsonNode states = body.get("states");
        if (states != null && states.isArray()) {
            for (int i = 0; i < states.size(); i++) {
                checkTools(states.get(i).get("tools"), "states[" + i + "].tools");
            }
        }
    }

    private static void checkTools(JsonNode tools, String where) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw ApiException.badRequest(where + " must be a list of tools");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = Json.text(tool, "type");
            if (type == null || Json.text(tool, "name") == null) {
                throw ApiException.badRequest(where + "[" + i + "] needs a type and a name");
            }
            if (type.equals("custom")) {
                String url = Json.text(tool, "url");
                if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                    throw ApiException.badRequest(where + "[" + i + "] is a custom tool and needs an http(s) url");
                }
                JsonNode parameters = tool.get("parameters");
                if (parameters != null && !parameters.isNull() && !"object".equals(Json.text(parameters, "type"))) {
                    throw ApiException.badRequest(where + "[" + i + "].parameters must be a JSON schema with "
                            + "\"type\": \"object\" at the top level");
                }
            }
        }
    }

    /** Replaces the fields present in the body (JSON null clears one); ids and versions stay. */
    static void merge(ObjectNode target, JsonNode body, List<String> immutable) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!immutable.contains(field.getKey())) {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    static ApiResponse list(ApiRequest request, List<ObjectNode> all, String idField, boolean paged,
            java.util.function.Function<ObjectNode, ObjectNode> render) {
        Long limit = queryLong(request, "limit");
        if (!paged) {
            ArrayNode list = Json.array();
            all.forEach(item -> list.add(render.apply(item)));
            return ApiResponse.ok(list);
        }
        List<ObjectNode> slice = Pages.page(all, item -> Json.text(item, idField), limit,
                request.query("pagination_key"), request.query("sort_order"));
        return ApiResponse.ok(Pages.envelope(slice, limit, render, item -> Json.text(item, idField)));
    }

    static Long queryLong(ApiRequest request, String name) {
        String value = request.query(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, but was " + value);
        }
    }
}
