package dev.switchboard.agents.internal.vapi;

import dev.switchboard.platform.ProviderClient;
import dev.switchboard.platform.ProviderFailure;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi's REST API for one account: bearer authentication with the account's private key, JSON
 * both ways, every call through the platform's {@link ProviderClient} (timeouts, retries, circuit
 * breaker) and every refusal translated by {@link VapiErrors}.
 */
final class VapiApi {

    static final URI DEFAULT_BASE_URL = URI.create("https://api.vapi.ai");

    private final ProviderClient.Factory clients;
    private final JsonMapper json;
    private final Duration timeout;

    VapiApi(ProviderClient.Factory clients, JsonMapper json, Duration timeout) {
        this.clients = clients;
        this.json = json;
        this.timeout = timeout;
    }

    JsonMapper json() {
        return json;
    }

    /** GET; fails with {@link ProviderException} unless Vapi answers 2xx. */
    JsonNode get(ProviderAccount account, String path, String action) {
        return body(exchange(account, "GET", path, null, true, action), action);
    }

    /** GET that treats 404 as absence. */
    Optional<JsonNode> find(ProviderAccount account, String path, String action) {
        Answer answer = exchange(account, "GET", path, null, true, action);
        return answer.status() == 404 ? Optional.empty() : Optional.of(body(answer, action));
    }

    /** A request with a JSON body; {@code idempotent} says whether repeating it is harmless. */
    JsonNode send(ProviderAccount account, String method, String path, Object body, boolean idempotent, String action) {
        return body(exchange(account, method, path, body, idempotent, action), action);
    }

    /** Like {@link #send} but answers empty when Vapi does not know the object (404). */
    Optional<JsonNode> sendIfExists(ProviderAccount account, String method, String path, Object body, boolean idempotent,
                                    String action) {
        Answer answer = exchange(account, method, path, body, idempotent, action);
        return answer.status() == 404 ? Optional.empty() : Optional.of(body(answer, action));
    }

    /** DELETE; an object Vapi no longer knows is already deleted. */
    void delete(ProviderAccount account, String path, String action) {
        Answer answer = exchange(account, "DELETE", path, null, true, action);
        if (answer.status() != 404) {
            body(answer, action);
        }
    }

    private record Answer(int status, String text) {
    }

    private Answer exchange(ProviderAccount account, String method, String path, Object body, boolean idempotent,
                            String action) {
        if (account.apiKey() == null || account.apiKey().isBlank()) {
            throw new ProviderException(VapiErrors.PROVIDER, ProviderException.Kind.UNAUTHORIZED,
                    "No Vapi API key is configured. Add the Vapi private API key in the provider settings.", null, null);
        }
        ProviderClient.Request request = body == null
                ? new ProviderClient.Request(method, path, java.util.Map.of("Accept", "application/json"), null, timeout,
                        idempotent)
                : ProviderClient.Request.json(method, path, json.writeValueAsString(body), timeout, idempotent);
        try {
            ProviderClient.Response response = client(account)
                    .send(request.withHeader("Authorization", "Bearer " + account.apiKey()));
            return new Answer(response.status(), response.text());
        } catch (ProviderFailure failure) {
            throw VapiErrors.fromFailure(failure, action, !idempotent);
        }
    }

    private JsonNode body(Answer answer, String action) {
        if (answer.status() < 200 || answer.status() >= 300) {
            throw VapiErrors.fromResponse(answer.status(), answer.text(), action, json);
        }
        if (answer.text().isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(answer.text());
        } catch (RuntimeException notJson) {
            throw new ProviderException(VapiErrors.PROVIDER, ProviderException.Kind.UNAVAILABLE, "Vapi answered with "
                    + "something Switchboard could not read while trying to " + action + ". Try again later.",
                    "unreadable body: " + VapiErrors.vendorMessage(answer.text(), json), notJson);
        }
    }

    private ProviderClient client(ProviderAccount account) {
        return clients.client(VapiErrors.PROVIDER, account.baseUrl() == null ? DEFAULT_BASE_URL : account.baseUrl(),
                account.apiKey());
    }
}
