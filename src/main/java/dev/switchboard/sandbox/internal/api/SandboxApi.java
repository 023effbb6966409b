package dev.switchboard.sandbox.internal.api;

import dev.switchboard.sandbox.internal.conversation.Recording;
import dev.switchboard.sandbox.internal.faults.FaultPlan;
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
import dev.switchboard.sandbox.internal.webhooks.DeliveryAttempt;
import java.time.Clock;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Retell does not have and the sandbox adds under {@code /sandbox}: the account's settings,
 * batch progress, each call's webhook delivery log and fault injection. Also the public recording
 * files at {@code /recordings/{call_id}.wav}.
 */
public final class SandboxApi {

    private final Accounts accounts;
    private final CallCenter calls;
    private final Clock clock;
    private final Supplier<String> defaultWebhookUrl;
    private final long seed;

    public SandboxApi(Accounts accounts, CallCenter calls, Clock clock, Supplier<String> defaultWebhookUrl, long seed) {
        this.accounts = accounts;
        this.calls = calls;
        this.clock = clock;
        this.defaultWebhookUrl = defaultWebhookUrl;
        this.seed = seed;
    }

    public void routes(Router router) {
        router.add("GET", "/sandbox/account", this::account)
                .add("PATCH", "/sandbox/account", this::updateAccount)
                .add("GET", "/sandbox/batch-calls", this::batches)
                .add("GET", "/sandbox/batch-calls/{id}", this::batch)
                .add("GET", "/sandbox/calls/{id}/webhooks", this::webhooks)
                .add("GET", "/sandbox/faults", this::faults)
                .add("POST", "/sandbox/faults", this::setFaults)
                .add("DELETE", "/sandbox/faults", this::clearFaults)
                .open("GET", "/recordings/{id}.wav", this::recording);
    }

    private ApiResponse account(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            return ApiResponse.ok(accountJson(account));
        }
    }

    private ApiResponse updateAccount(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            if (body.has("concurrency_limit")) {
                Long limit = Json.longValue(body, "concurrency_limit");
                if (limit == null || limit < 1 || limit > 10_000) {
                    throw ApiException.badRequest("concurrency_limit must be between 1 and 10000");
                }
                account.concurrencyLimit(limit.intValue());
            }
            if (body.has("webhook_url")) {
                String url = Json.text(body, "webhook_url");
                if (url != null && !url.isBlank() && !(url.startsWith("http://") || url.startsWith("https://"))) {
                    throw ApiException.badRequest("webhook_url must be an http(s) URL, or null for the sandbox default");
                }
                account.webhookUrl(url == null || url.isBlank() ? null : url);
            }
        }
        calls.pump(account);
        synchronized (account) {
            return ApiResponse.ok(accountJson(account));
        }
    }

    private ObjectNode accountJson(Account account) {
        ObjectNode json = Json.object();
        json.put("concurrency_limit", account.concurrencyLimit());
        json.put("current_concurrency", account.active());
        json.put("max_concurrency_observed", account.peakActive());
        String url = account.webhookUrl() != null ? account.webhookUrl() : defaultWebhookUrl.get();
        if (url == null) {
            json.putNull("webhook_url");
        } else {
            json.put("webhook_url", url);
        }
        json.put("calls", account.calls().size());
        json.put("batch_calls", account.batches().size());
        return json;
    }

    private ApiResponse batches(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            ArrayNode list = Json.array();
            long now = clock.millis();
            account.batches().values().forEach(batch -> list.add(batch.progress(now)));
            return ApiResponse.ok(list);
        }
    }

    private ApiResponse batch(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            BatchCall batch = account.batches().get(request.param("id"));
            if (batch == null) {
                throw ApiException.notFound("Batch call " + request.param("id") + " not found under this api key");
            }
            return ApiResponse.ok(batch.progress(clock.millis()));
        }
    }

    private ApiResponse webhooks(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        Call call;
        synchronized (account) {
            call = account.calls().get(request.param("id"));
        }
        if (call == null) {
            throw ApiException.notFound("Call " + request.param("id") + " not found under this api key");
        }
        ObjectNode json = Json.object().put("call_id", call.id());
        ArrayNode list = json.putArray("deliveries");
        for (DeliveryAttempt attempt : call.deliveries().attempts()) {
            list.add(attempt.toJson());
        }
        return ApiResponse.ok(json);
    }

    private ApiResponse faults(ApiRequest request) {
        return ApiResponse.ok(accounts.forKey(request.apiKey()).faults().toJson());
    }

    private ApiResponse setFaults(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        FaultPlan plan = FaultPlan.parse(request.json(), seed ^ account.apiKey().hashCode());
        account.faults(plan);
        return ApiResponse.ok(plan.toJson());
    }

    private ApiResponse clearFaults(ApiRequest request) {
        accounts.forKey(request.apiKey()).faults(FaultPlan.NONE);
        return ApiResponse.noContent();
    }

    private ApiResponse recording(ApiRequest request) {
        Call call = accounts.call(request.param("id"));
        if (call == null) {
            throw ApiException.notFound("No recording for call " + request.param("id"));
        }
        int utterances;
        synchronized (call.account()) {
            utterances = call.recordedUtterances();
        }
        if (utterances == 0) {
            throw ApiException.notFound("No recording for call " + request.param("id")
                    + ": it has not ended, or it never connected");
        }
        return ApiResponse.bytes("audio/wav", Recording.wav(utterances));
    }
}
