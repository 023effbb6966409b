package dev.switchboard.sandbox;

import dev.switchboard.sandbox.internal.SandboxEngine;
import java.time.Clock;
import java.util.Objects;

/**
 * The embedded sandbox: a simulated voice-AI provider and carrier answering Retell's HTTP API on
 * its own port. Clients talk to {@link #baseUrl()} exactly as to {@code https://api.retellai.com};
 * every distinct Bearer API key is an account of its own.
 *
 * <p>Thread-safe. {@link #start} and {@link #stop} may be called once each per run; a new start
 * begins with empty accounts.
 */
public final class SandboxServer implements AutoCloseable {

    private final SandboxSettings settings;
    private final SandboxEngine engine;

    public SandboxServer(SandboxSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * @param clock the wall clock for timestamps, trigger times and calling windows (call
     *              durations run on real timers, scaled by {@link SandboxSettings#timeScale()})
     */
    public SandboxServer(SandboxSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.engine = new SandboxEngine(settings, Objects.requireNonNull(clock, "clock"));
    }

    /** Starts on the configured port; answers the port bound. */
    public int start() {
        return start(settings.port());
    }

    /**
     * Starts listening.
     *
     * @param port the port, 0 for any free one
     * @return the port actually bound
     * @throws IllegalStateException when already running
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public int start(int port) {
        return engine.start(port);
    }

    /** Stops listening and abandons calls in progress; does nothing when not running. */
    public void stop() {
        engine.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return engine.isRunning();
    }

    /** The port bound; fails when not running. */
    public int port() {
        return engine.port();
    }

    /** Where clients send requests, e.g. {@code http://localhost:8089}; fails when not running. */
    public String baseUrl() {
        return engine.baseUrl();
    }

    /** Where call events go for agents without a {@code webhook_url}; {@code null} when nowhere. */
    public String defaultWebhookUrl() {
        return engine.defaultWebhookUrl();
    }

    /** Changes where call events go for agents without a {@code webhook_url}, from the next event on. */
    public void defaultWebhookUrl(String url) {
        engine.defaultWebhookUrl(url);
    }

    /** The seed of this run: the configured one, or the one drawn at start. */
    public long seed() {
        return engine.seed();
    }

    public SandboxSettings settings() {
        return settings;
    }
}
