package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.ProviderAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * The embedded sandbox's own HTTP API as a test drives it with the platform's sandbox account:
 * its view of a call, its webhook deliveries and the faults it injects on request.
 */
public final class SandboxApi {

    private final ProviderAccount account;
    private final HttpClient http = HttpClient.newHttpClient();

    public SandboxApi(ProviderAccount account) {
        this.account = account;
    }

    /** Sends a request and returns the answer's body; fails the test unless the sandbox answered 2xx. */
    public String send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(account.baseUrl() + path))
                .header("Authorization", "Bearer " + account.apiKey()).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The provider's own account of a call (Retell's get-call). */
    public JsonNode call(String providerCallId) {
        return Api.JSON.readTree(send("GET", "/v2/get-call/" + providerCallId, null));
    }

    /** Replaces the injected faults with these rules (each a JSON object such as {@code {"type": "drop"}}). */
    public void faults(String... rules) {
        send("POST", "/sandbox/faults", "{\"faults\": [" + String.join(", ", rules) + "]}");
    }

    /** The sandbox behaves again. */
    public void clearFaults() {
        send("DELETE", "/sandbox/faults", null);
    }
}
