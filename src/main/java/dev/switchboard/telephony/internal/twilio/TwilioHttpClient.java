package dev.switchboard.telephony.internal.twilio;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The Twilio SDK's transport on the JDK's HTTP client, for three reasons: every request has a
 * connect and a read timeout Switchboard chooses; a base URL other than {@code api.twilio.com}
 * can be targeted (tests, a proxy); and a request that creates something (a call, a message) is
 * sent once, because the SDK's own client repeats any request after a 5xx, which could dial a
 * callee twice.
 */
final class TwilioHttpClient extends HttpClient {

    static final URI TWILIO = URI.create("https://api.twilio.com");

    private final java.net.http.HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;

    TwilioHttpClient(URI baseUrl, Duration connectTimeout, Duration timeout) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        this.baseUrl = baseUrl == null || TWILIO.getHost().equalsIgnoreCase(baseUrl.getHost()) ? null : baseUrl;
        this.timeout = timeout;
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        boolean idempotent = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.DELETE;
        return super.reliableRequest(request, retryCodes, idempotent ? Math.min(retries, 2) : 1, delayMillis);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target(request.constructURL()))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "twilio-java/" + Twilio.VERSION + " (Switchboard)");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        String method = request.getMethod().toString().toUpperCase(Locale.ROOT);
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.DELETE) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (request.getContentType() == EnumConstants.ContentType.JSON) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(request.getBody(), StandardCharsets.UTF_8));
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            List<Header> headers = new ArrayList<>();
            response.headers().map().forEach((name, values) -> values.forEach(value -> headers.add(new BasicHeader(name, value))));
            return new Response(response.body(), response.statusCode(), headers.toArray(Header[]::new));
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("Twilio did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ApiConnectionException("Could not reach Twilio: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while waiting for Twilio", e);
        }
    }

    private URI target(URL url) {
        try {
            URI sdk = url.toURI();
            if (baseUrl == null) {
                return sdk;
            }
            String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                    : baseUrl.toString();
            return URI.create(base + sdk.getRawPath() + (sdk.getRawQuery() == null ? "" : "?" + sdk.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("The Twilio SDK built an invalid URL", e);
        }
    }
}
