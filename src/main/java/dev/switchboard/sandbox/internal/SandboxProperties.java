package dev.switchboard.sandbox.internal;

import dev.switchboard.sandbox.SandboxSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.sandbox.*}: whether the embedded sandbox runs with the application, and how.
 *
 * @param enabled          run it ({@code SWITCHBOARD_SANDBOX_ENABLED}, default true)
 * @param port             its port ({@code SWITCHBOARD_SANDBOX_PORT}, default 8089; 0 = any free port)
 * @param bindAddress      the address it listens on (default 127.0.0.1)
 * @param publicUrl        base of recording URLs when not {@code http://localhost:<port>}
 * @param webhookUrl       where call events go for agents without a webhook_url; empty means
 *                         this application's own {@code /webhooks/retell} on its actual port
 * @param timeScale        simulated seconds per real second (default 1)
 * @param seed             fixes outcomes and durations (empty = drawn at start)
 * @param concurrencyLimit concurrent calls per account (default 20)
 */
@ConfigurationProperties("switchboard.sandbox")
record SandboxProperties(Boolean enabled, Integer port, String bindAddress, String publicUrl, String webhookUrl,
        Double timeScale, Long seed, Integer concurrencyLimit, Outcomes outcomes, Range ringTime, Range talkTime,
        Range voicemailTime, Webhook webhook, Double callbackShare, Double doNotCallShare) {

    /** Relative weights of call outcomes; see {@link SandboxSettings.Outcomes}. */
    record Outcomes(Double humanAnswer, Double voicemail, Double noAnswer, Double busy, Double failed,
            Double invalidNumber) {
    }

    /** A simulated duration range. */
    record Range(Duration min, Duration max) {
    }

    /** Webhook delivery; see {@link SandboxSettings.Webhooks}. */
    record Webhook(Integer maxAttempts, Duration firstRetryDelay, Duration timeout) {
    }

    /** The settings, or an {@link IllegalArgumentException} naming the property that is wrong. */
    SandboxSettings toSettings() {
        SandboxSettings defaults = SandboxSettings.defaults();
        try {
            SandboxSettings.Outcomes o = defaults.outcomes();
            SandboxSettings.Outcomes outcomeWeights = outcomes == null ? o : new SandboxSettings.Outcomes(
                    or(outcomes.humanAnswer(), o.humanAnswer()), or(outcomes.voicemail(), o.voicemail()),
                    or(outcomes.noAnswer(), o.noAnswer()), or(outcomes.busy(), o.busy()),
                    or(outcomes.failed(), o.failed()), or(outcomes.invalidNumber(), o.invalidNumber()));
            SandboxSettings.Durations d = defaults.durations();
            SandboxSettings.Durations durations = new SandboxSettings.Durations(range(ringTime, d.ring()),
                    range(talkTime, d.talk()), range(voicemailTime, d.voicemail()));
            SandboxSettings.Webhooks w = defaults.webhooks();
            SandboxSettings.Webhooks webhooks = webhook == null ? w : new SandboxSettings.Webhooks(
                    webhook.maxAttempts() == null ? w.maxAttempts() : webhook.maxAttempts(),
                    webhook.firstRetryDelay() == null ? w.firstRetryDelay() : webhook.firstRetryDelay(),
                    webhook.timeout() == null ? w.timeout() : webhook.timeout());
            return new SandboxSettings(port == null ? SandboxSettings.DEFAULT_PORT : port, bindAddress, publicUrl,
                    webhookUrl, or(timeScale, 1.0), seed, outcomeWeights,
                    concurrencyLimit == null ? defaults.concurrencyLimit() : concurrencyLimit, durations, webhooks,
                    or(callbackShare, defaults.callbackShare()), or(doNotCallShare, defaults.doNotCallShare()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("switchboard.sandbox.* (SWITCHBOARD_SANDBOX_*) is not valid: "
                    + e.getMessage(), e);
        }
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    private static SandboxSettings.Range range(Range range, SandboxSettings.Range fallback) {
        if (range == null) {
            return fallback;
        }
        return new SandboxSettings.Range(range.min() == null ? fallback.min() : range.min(),
                range.max() == null ? fallback.max() : range.max());
    }
}
