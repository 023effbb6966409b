package dev.switchboard.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox behaves. Every field has a working default ({@link #defaults()}); the
 * {@code with…} methods return a changed copy.
 *
 * <p>Durations are <em>simulated</em> time: a call that rings for 20 s and talks for 2 min takes
 * 2 min 20 s of wall-clock time at {@code timeScale} 1, and 2.3 s at {@code timeScale} 60.
 * Absolute instants (a batch's {@code trigger_timestamp}, calling windows, timestamps in call
 * records) are always wall-clock time.
 *
 * @param port              TCP port; 0 picks a free one
 * @param bindAddress       the address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for load tests from elsewhere)
 * @param publicUrl         the base URL written into recording URLs; {@code null} means {@code http://localhost:<port>}
 * @param defaultWebhookUrl where call events go when the agent has no {@code webhook_url}; {@code null} sends none
 * @param timeScale         simulated seconds per wall-clock second (at least 1)
 * @param seed              makes outcomes, durations and conversations repeatable; {@code null} draws one at start (and logs it)
 * @param outcomes          relative weights of the call outcomes
 * @param concurrencyLimit  concurrent calls per account (Retell's pay-as-you-go default is 20)
 * @param durations         ring, talk and voicemail time ranges
 * @param webhooks          delivery attempts and timing
 * @param callbackShare     share of answered calls in which the person asks to be called back
 * @param doNotCallShare    share of answered calls in which the person asks not to be called again
 */
public record SandboxSettings(
        int port,
        String bindAddress,
        String publicUrl,
        String defaultWebhookUrl,
        double timeScale,
        Long seed,
        Outcomes outcomes,
        int concurrencyLimit,
        Durations durations,
        Webhooks webhooks,
        double callbackShare,
        double doNotCallShare) {

    /** The port used when none is configured. */
    public static final int DEFAULT_PORT = 8089;

    public SandboxSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("sandbox port must be between 0 and 65535, but was " + port);
        }
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.strip();
        publicUrl = blankToNull(publicUrl);
        if (publicUrl != null && publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        defaultWebhookUrl = blankToNull(defaultWebhookUrl);
        if (!(timeScale >= 1) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("sandbox time scale must be a number of at least 1, but was " + timeScale);
        }
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(durations, "durations");
        Objects.requireNonNull(webhooks, "webhooks");
        if (concurrencyLimit < 1 || concurrencyLimit > 10_000) {
            throw new IllegalArgumentException("sandbox concurrency limit must be between 1 and 10000, but was "
                    + concurrencyLimit);
        }
        requireShare("callback share", callbackShare);
        requireShare("do-not-call share", doNotCallShare);
        if (callbackShare + doNotCallShare > 1) {
            throw new IllegalArgumentException("sandbox callback share plus do-not-call share must not exceed 1");
        }
    }

    /** The defaults: port 8089, real time, random seed, limit 20, a realistic outcome mix. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(DEFAULT_PORT, "127.0.0.1", null, null, 1, null, Outcomes.defaults(), 20,
                Durations.defaults(), Webhooks.defaults(), 0.10, 0.05);
    }

    public SandboxSettings withPort(int value) {
        return new SandboxSettings(value, bindAddress, publicUrl, defaultWebhookUrl, timeScale, seed, outcomes,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withBindAddress(String value) {
        return new SandboxSettings(port, value, publicUrl, defaultWebhookUrl, timeScale, seed, outcomes,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withPublicUrl(String value) {
        return new SandboxSettings(port, bindAddress, value, defaultWebhookUrl, timeScale, seed, outcomes,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withDefaultWebhookUrl(String value) {
        return new SandboxSettings(port, bindAddress, publicUrl, value, timeScale, seed, outcomes,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withTimeScale(double value) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, value, seed, outcomes,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withSeed(Long value) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, timeScale, value, outcomes,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withOutcomes(Outcomes value) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, timeScale, seed, value,
                concurrencyLimit, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withConcurrencyLimit(int value) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, timeScale, seed, outcomes,
                value, durations, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withDurations(Durations value) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, timeScale, seed, outcomes,
                concurrencyLimit, value, webhooks, callbackShare, doNotCallShare);
    }

    public SandboxSettings withWebhooks(Webhooks value) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, timeScale, seed, outcomes,
                concurrencyLimit, durations, value, callbackShare, doNotCallShare);
    }

    public SandboxSettings withRequestShares(double callback, double doNotCall) {
        return new SandboxSettings(port, bindAddress, publicUrl, defaultWebhookUrl, timeScale, seed, outcomes,
                concurrencyLimit, durations, webhooks, callback, doNotCall);
    }

    /**
     * Relative weights of what happens when a number is dialled (they need not add up to 1).
     *
     * @param humanAnswer   a person answers and talks with the agent
     * @param voicemail     an answering machine picks up ({@code voicemail_reached})
     * @param noAnswer      it rings out ({@code dial_no_answer})
     * @param busy          the line is busy ({@code dial_busy})
     * @param failed        the carrier fails the call ({@code dial_failed})
     * @param invalidNumber the number does not exist ({@code invalid_destination})
     */
    public record Outcomes(double humanAnswer, double voicemail, double noAnswer, double busy, double failed,
            double invalidNumber) {

        public Outcomes {
            double[] all = {humanAnswer, voicemail, noAnswer, busy, failed, invalidNumber};
            double sum = 0;
            for (double weight : all) {
                if (!(weight >= 0) || Double.isInfinite(weight)) {
                    throw new IllegalArgumentException("sandbox outcome weights must be zero or more");
                }
                sum += weight;
            }
            if (sum <= 0) {
                throw new IllegalArgumentException("at least one sandbox outcome weight must be above zero");
            }
        }

        public static Outcomes defaults() {
            return new Outcomes(0.45, 0.20, 0.20, 0.07, 0.05, 0.03);
        }

        /** The sum of the weights. */
        public double total() {
            return humanAnswer + voicemail + noAnswer + busy + failed + invalidNumber;
        }
    }

    /**
     * A range of simulated durations; each call draws uniformly within it.
     */
    public record Range(Duration min, Duration max) {

        public Range {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("a sandbox duration range needs 0 <= min <= max, but was "
                        + min + ".." + max);
            }
        }

        public static Range ofSeconds(long min, long max) {
            return new Range(Duration.ofSeconds(min), Duration.ofSeconds(max));
        }
    }

    /**
     * @param ring      time from dialling until someone (or something) answers
     * @param talk      length of a conversation with a person
     * @param voicemail length of a call that reaches an answering machine
     */
    public record Durations(Range ring, Range talk, Range voicemail) {

        public Durations {
            Objects.requireNonNull(ring, "ring");
            Objects.requireNonNull(talk, "talk");
            Objects.requireNonNull(voicemail, "voicemail");
        }

        public static Durations defaults() {
            return new Durations(Range.ofSeconds(4, 25), Range.ofSeconds(45, 180), Range.ofSeconds(18, 40));
        }
    }

    /**
     * Delivery of call events. Retell answers non-2xx and timeouts with up to three retries.
     *
     * @param maxAttempts     attempts per event, the first included
     * @param firstRetryDelay wall-clock wait before the second attempt; it doubles after each failure
     * @param timeout         how long one attempt may take (an agent's {@code webhook_timeout_ms} wins)
     */
    public record Webhooks(int maxAttempts, Duration firstRetryDelay, Duration timeout) {

        public Webhooks {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("sandbox webhook attempts must be between 1 and 20, but was "
                        + maxAttempts);
            }
            Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
            Objects.requireNonNull(timeout, "timeout");
            if (firstRetryDelay.isNegative() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("sandbox webhook delays must be positive");
            }
        }

        public static Webhooks defaults() {
            return new Webhooks(4, Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("sandbox " + name + " must be between 0 and 1, but was " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
