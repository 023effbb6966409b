package dev.switchboard.sandbox.internal.api;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.ApiRequest;
import dev.switchboard.sandbox.internal.http.ApiResponse;
import dev.switchboard.sandbox.internal.http.Json;
import dev.switchboard.sandbox.internal.http.Router;
import dev.switchboard.sandbox.internal.telephony.Account;
import dev.switchboard.sandbox.internal.telephony.Accounts;
import dev.switchboard.sandbox.internal.telephony.BatchCall;
import dev.switchboard.sandbox.internal.telephony.Call;
import dev.switchboard.sandbox.internal.telephony.CallCenter;
import dev.switchboard.sandbox.internal.telephony.CallTimeWindow;
import dev.switchboard.sandbox.internal.telephony.Ids;
import dev.switchboard.sandbox.internal.telephony.PhoneNumbers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outbound calls, batch calls, call lookups and concurrency, as in the SDK's {@code call.ts},
 * {@code batch-call.ts} and {@code concurrency.ts}.
 */
public final class CallApi {

    private static final int MAX_TASKS = 10_000;

    private final Accounts accounts;
    private final CallCenter calls;
    private final Clock clock;

    public CallApi(Accounts accounts, CallCenter calls, Clock clock) {
        this.accounts = accounts;
        this.calls = calls;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.add("POST", "/v2/create-phone-call", this::createPhoneCall)
                .add("GET", "/v2/get-call/{id}", this::getCall)
                .add("POST", "/v2/list-calls", this::listCallsV2)
                .add("POST", "/v3/list-calls", this::listCallsV3)
                .add("POST", "/create-batch-call", this::createBatchCall)
                .add("GET", "/get-concurrency", this::concurrency);
    }

    private ApiResponse createPhoneCall(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        // ignore_e164_validation lets a pseudo number imported for custom telephony be the caller.
        String from = Boolean.TRUE.equals(Json.booleanValue(body, "ignore_e164_validation"))
                && Json.text(body, "from_number") != null ? Json.text(body, "from_number").strip()
                : PhoneNumbers.require("from_number", Json.text(body, "from_number"));
        String to = PhoneNumbers.require("to_number", Json.text(body, "to_number"));
        Map<String, String> variables = variables(body.get("retell_llm_dynamic_variables"),
                "retell_llm_dynamic_variables");
        Resolved agent;
        synchronized (account) {
            ObjectNode phone = ownedNumber(account, from);
            agent = resolveAgent(account, phone, from, Json.text(body, "override_agent_id"), "override_agent_id");
        }
        Call call = calls.placeCall(account, from, to, agent.id(), agent.agent(), agent.llm(), variables,
                copy(body.get("metadata")));
        synchronized (account) {
            return ApiResponse.created(call.toJson(Call.View.FULL));
        }
    }

    private ApiResponse getCall(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            Call call = account.calls().get(request.param("id"));
            if (call == null) {
                throw ApiException.notFound("Call " + request.param("id") + " not found under this api key");
            }
            return ApiResponse.ok(call.toJson(Call.View.FULL));
        }
    }

    /** {@code POST /v2/list-calls}: a plain array. */
    private ApiResponse listCallsV2(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Long given = Json.longValue(body, "limit");
        // v2 answers up to 1000 calls when no limit is given; v3 pages by 50.
        Long limit = given == null ? Long.valueOf(Pages.MAX_LIMIT) : given;
        Predicate<JsonNode> filter = CallQuery.v2(body.get("filter_criteria"));
        List<ObjectNode> matching = matching(request, filter, Call.View.FULL);
        List<ObjectNode> slice = Pages.page(matching, c -> Json.text(c, "call_id"), limit,
                Json.text(body, "pagination_key"), Json.text(body, "sort_order"));
        return ApiResponse.ok(Pages.array(slice, limit, c -> c));
    }

    /** {@code POST /v3/list-calls}: {@code {items, has_more, pagination_key, total}}. */
    private ApiResponse listCallsV3(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Long limit = Json.longValue(body, "limit");
        Predicate<JsonNode> filter = CallQuery.v3(body.get("filter_criteria"));
        List<ObjectNode> matching = matching(request, filter, Call.View.LIST);
        Long skip = Json.longValue(body, "skip");
        Pages.limit(limit);
        long skipped = skip == null ? 0 : Math.max(0, skip);
        List<ObjectNode> slice = Pages.page(matching, c -> Json.text(c, "call_id"),
                Math.min(Pages.MAX_LIMIT, (limit == null ? Pages.DEFAULT_LIMIT : limit) + skipped),
                Json.text(body, "pagination_key"), Json.text(body, "sort_order"));
        slice = slice.subList((int) Math.min(skipped, slice.size()), slice.size());
        ObjectNode page = Pages.envelope(slice, limit, c -> c, c -> Json.text(c, "call_id"));
        if (Boolean.TRUE.equals(Json.booleanValue(body, "include_total"))) {
            page.put("total", matching.size());
        }
        return ApiResponse.ok(page);
    }

    private List<ObjectNode> matching(ApiRequest request, Predicate<JsonNode> filter, Call.View view) {
        Account account = accounts.forKey(request.apiKey());
        List<ObjectNode> result = new ArrayList<>();
        synchronized (account) {
            List<Call> all = new ArrayList<>(account.calls().values());
            all.sort(Comparator.comparingLong(Call::sortTimestamp));
            for (Call call : all) {
                ObjectNode full = call.toJson(Call.View.FULL);
                if (filter.test(full)) {
                    result.add(view == Call.View.FULL ? full : call.toJson(view));
                }
            }
        }
        return result;
    }

    private ApiResponse createBatchCall(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        String from = PhoneNumbers.require("from_number", Json.text(body, "from_number"));
        JsonNode taskList = body.get("tasks");
        if (taskList == null || !taskList.isArray() || taskList.isEmpty()) {
            throw ApiException.badRequest("tasks must list at least one {to_number} to call");
        }
        if (taskList.size() > MAX_TASKS) {
            throw ApiException.badRequest("tasks can hold at most " + MAX_TASKS + " calls per batch");
        }
        Long trigger = Json.longValue(body, "trigger_timestamp");
        if (body.has("trigger_timestamp") && !body.get("trigger_timestamp").isNull() && trigger == null) {
            throw ApiException.badRequest("trigger_timestamp must be a Unix timestamp in milliseconds");
        }
        Long reserved = Json.longValue(body, "reserved_concurrency");
        CallTimeWindow window = CallTimeWindow.parse(body.get("call_time_window"));
        BatchCall batch;
        synchronized (account) {
            ObjectNode phone = ownedNumber(account, from);
            if (reserved != null && (reserved < 0 || reserved >= account.concurrencyLimit())) {
                throw ApiException.badRequest("reserved_concurrency must be between 0 and "
                        + (account.concurrencyLimit() - 1) + " (the concurrency limit is " + account.concurrencyLimit()
                        + "), but was " + reserved);
            }
            List<BatchCall.Task> tasks = new ArrayList<>();
            for (int i = 0; i < taskList.size(); i++) {
                JsonNode task = taskList.get(i);
                String where = "tasks[" + i + "]";
                String to = PhoneNumbers.require(where + ".to_number", Json.text(task, "to_number"));
                Map<String, String> variables = variables(task.get("retell_llm_dynamic_variables"),
                        where + ".retell_llm_dynamic_variables");
                Resolved agent = resolveAgent(account, phone, from, Json.text(task, "override_agent_id"),
                        where + ".override_agent_id");
                tasks.add(new BatchCall.Task(to, variables, agent.id(), agent.agent(), agent.llm(),
                        copy(task.get("metadata"))));
            }
            long now = clock.millis();
            String name = Json.text(body, "name");
            batch = new BatchCall(Ids.batch(), name == null ? "Batch call" : name, from,
                    trigger == null ? now : trigger, reserved == null ? 0 : reserved.intValue(), window, tasks, now);
        }
        calls.placeBatch(account, batch);
        synchronized (account) {
            return ApiResponse.created(batch.toJson());
        }
    }

    private ApiResponse concurrency(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            int limit = account.concurrencyLimit();
            return ApiResponse.ok(Json.object()
                    .put("current_concurrency", account.active())
                    .put("concurrency_limit", limit)
                    .put("base_concurrency", limit)
                    .put("purchased_concurrency", 0)
                    .put("concurrency_purchase_limit", 100)
                    .put("remaining_purchase_limit", 100)
                    .put("reserved_inbound_concurrency", 0)
                    .put("concurrency_burst_enabled", false)
                    .put("concurrency_burst_limit", 0));
        }
    }

    private record Resolved(String id, ObjectNode agent, ObjectNode llm) {
    }

    private static ObjectNode ownedNumber(Account account, String from) {
        ObjectNode phone = account.numbers().get(from);
        if (phone == null) {
            throw ApiException.notFound("from_number " + from + " is not a number of this account; buy one with "
                    + "POST /create-phone-number or import it with POST /import-phone-number");
        }
        return phone;
    }

    /** The override agent, else one of the number's weighted outbound agents, else its outbound agent. */
    private static Resolved resolveAgent(Account account, ObjectNode phone, String from, String overrideId,
            String overrideField) {
        String agentId = overrideId;
        if (agentId == null) {
            JsonNode weighted = phone.get("outbound_agents");
            if (weighted != null && weighted.isArray() && !weighted.isEmpty()) {
                double draw = ThreadLocalRandom.current().nextDouble();
                double sum = 0;
                for (JsonNode entry : weighted) {
                    sum += entry.get("weight").asDouble(0);
                    agentId = Json.text(entry, "agent_id");
                    if (draw < sum) {
                        break;
                    }
                }
            } else {
                agentId = Json.text(phone, "outbound_agent_id");
            }
        }
        if (agentId == null) {
            throw ApiException.badRequest("from_number " + from + " has no outbound agent: set outbound_agent_id "
                    + "with PATCH /update-phone-number/" + from + " or pass override_agent_id");
        }
        ObjectNode agent = account.agents().get(agentId);
        if (agent == null) {
            throw ApiException.unknownAsset((overrideId != null ? overrideField : "outbound agent") + " " + agentId);
        }
        ObjectNode llm = null;
        JsonNode engine = agent.get("response_engine");
        if ("retell-llm".equals(Json.text(engine, "type"))) {
            ObjectNode found = account.llms().get(Json.text(engine, "llm_id"));
            llm = found == null ? null : found.deepCopy();
        }
        return new Resolved(agentId, agent.deepCopy(), llm);
    }

    private static Map<String, String> variables(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(field + " must be an object of string values");
        }
        return Json.stringMap(node);
    }

    private static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() ? null : node.deepCopy();
    }
}
