package dev.switchboard.sandbox.internal.webhooks;

import dev.switchboard.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * POSTs signed call events to webhook URLs: {@code {"event": …, "call": {…}}}, header
 * {@code x-retell-signature}, retried on non-2xx answers and connection failures with exponential
 * backoff, every attempt written to the call's {@link DeliveryLog}.
 */
public final class WebhookSender {

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

    /**
     * One event to send.
     *
     * @param event   the event name, for the log
     * @param url     the receiver
     * @param body    the exact JSON text sent (and signed)
     * @param apiKey  the account's API key, the signing key
     * @param timeout how long one attempt may take
     * @param delay   an injected slowness before the first attempt (zero normally)
     */
    public record Outgoing(String event, String url, String body, String apiKey, Duration timeout, Duration delay) {
    }

    private final HttpClient http;
    private final Executor executor;
    private final SandboxSettings.Webhooks settings;
    private final Clock clock;

    public WebhookSender(HttpClient http, Executor executor, SandboxSettings.Webhooks settings, Clock clock) {
        this.http = http;
        this.executor = executor;
        this.settings = settings;
        this.clock = clock;
    }

    /** Queues the event behind the call's earlier ones. */
    public void send(DeliveryLog log, Outgoing outgoing) {
        log.then(() -> deliver(log, outgoing), executor);
    }

    /** Writes a line for an event that is not sent at all (no URL, or dropped by an injected fault). */
    public void notSent(DeliveryLog log, String event, String url, String outcome, String why) {
        log.then(() -> log.record(new DeliveryAttempt(event, 0, url, clock.millis(), null, why, outcome, 0)),
                Runnable::run);
    }

    private void deliver(DeliveryLog log, Outgoing outgoing) {
        try {
            if (!outgoing.delay().isZero()) {
                Thread.sleep(outgoing.delay().toMillis());
            }
            Duration wait = settings.firstRetryDelay();
            for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
                boolean last = attempt == settings.maxAttempts();
                long started = clock.millis();
                Integer status = null;
                String error = null;
                try {
                    long timestamp = clock.millis();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(outgoing.url()))
                            .timeout(outgoing.timeout())
                            .header("Content-Type", "application/json")
                            .header(Signature.HEADER, Signature.sign(outgoing.body(), outgoing.apiKey(), timestamp))
                            .POST(HttpRequest.BodyPublishers.ofString(outgoing.body(), StandardCharsets.UTF_8))
                            .build();
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (HttpTimeoutException e) {
                    error = "timed out after " + outgoing.timeout().toMillis() + " ms";
                } catch (IOException | IllegalArgumentException e) {
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                boolean delivered = status != null && status >= 200 && status < 300;
                String outcome = delivered ? "delivered" : last ? "failed" : "retrying";
                log.record(new DeliveryAttempt(outgoing.event(), attempt, outgoing.url(), started, status, error,
                        outcome, clock.millis() - started));
                if (delivered) {
                    return;
                }
                if (last) {
                    LOG.log(System.Logger.Level.INFO, "sandbox gave up delivering " + outgoing.event() + " to "
                            + outgoing.url() + " after " + attempt + " attempts");
                    return;
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
