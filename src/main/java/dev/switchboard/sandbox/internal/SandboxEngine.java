package dev.switchboard.sandbox.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.sandbox.SandboxSettings;
import dev.switchboard.sandbox.internal.api.AgentApi;
import dev.switchboard.sandbox.internal.api.CallApi;
import dev.switchboard.sandbox.internal.api.NumberApi;
import dev.switchboard.sandbox.internal.api.SandboxApi;
import dev.switchboard.sandbox.internal.conversation.ToolCaller;
import dev.switchboard.sandbox.internal.faults.FaultRule;
import dev.switchboard.sandbox.internal.http.ApiServer;
import dev.switchboard.sandbox.internal.http.Router;
import dev.switchboard.sandbox.internal.telephony.Accounts;
import dev.switchboard.sandbox.internal.telephony.CallCenter;
import dev.switchboard.sandbox.internal.webhooks.WebhookSender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Puts the sandbox together: accounts, the call center, the HTTP API and fault injection. Each
 * start begins with empty accounts; state lives as long as the server runs.
 */
public final class SandboxEngine {

    private static final System.Logger LOG = System.getLogger(SandboxEngine.class.getName());

    private final SandboxSettings settings;
    private final Clock clock;
    private volatile String defaultWebhookUrl;
    private ApiServer server;
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private CountDownLatch stopping;
    private Accounts accounts;
    private volatile long seed;
    private volatile int port = -1;
    private volatile String baseUrl;

    public SandboxEngine(SandboxSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.defaultWebhookUrl = settings.defaultWebhookUrl();
    }

    public synchronized int start(int requestedPort) {
        if (server != null) {
            throw new IllegalStateException("the sandbox is already running on port " + port);
        }
        seed = settings.seed() != null ? settings.seed() : new SecureRandom().nextLong();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-timer")
                .factory());
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sandbox-", 0).factory());
        stopping = new CountDownLatch(1);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(workers).build();
        accounts = new Accounts(settings.concurrencyLimit());
        WebhookSender webhooks = new WebhookSender(http, workers, settings.webhooks(), clock);
        CallCenter calls = new CallCenter(settings, seed, clock, timer, workers, webhooks, new ToolCaller(http, clock),
                accounts, this::baseUrl, () -> defaultWebhookUrl);
        Router router = new Router();
        new AgentApi(accounts, clock).routes(router);
        new NumberApi(accounts, clock).routes(router);
        new CallApi(accounts, calls, clock).routes(router);
        new SandboxApi(accounts, calls, clock, () -> defaultWebhookUrl, seed).routes(router);
        ApiServer created = new ApiServer(router, this::injectFault);
        try {
            port = created.start(settings.bindAddress(), requestedPort);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            workers.shutdownNow();
            throw e;
        }
        server = created;
        baseUrl = settings.publicUrl() != null ? settings.publicUrl() : "http://" + host() + ":" + port;
        LOG.log(System.Logger.Level.INFO, "Sandbox (Retell-compatible API) listening on " + baseUrl() + " (seed "
                + seed + ", time scale " + settings.timeScale() + ")");
        return port;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopping.countDown();
        server.stop();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        port = -1;
        baseUrl = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        int bound = port;
        if (bound < 0) {
            throw new IllegalStateException("the sandbox is not running");
        }
        return bound;
    }

    /** The base URL clients use, and recording URLs start with. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("the sandbox is not running");
        }
        return url;
    }

    public String defaultWebhookUrl() {
        return defaultWebhookUrl;
    }

    public void defaultWebhookUrl(String url) {
        this.defaultWebhookUrl = url == null || url.isBlank() ? null : url.strip();
    }

    public long seed() {
        return seed;
    }

    private String host() {
        String bind = settings.bindAddress();
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
                return "localhost";
            }
        } catch (UnknownHostException e) {
            return bind;
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private boolean injectFault(String apiKey, String method, String path, HttpExchange exchange) throws IOException {
        if (path.startsWith("/sandbox/")) {
            return false;
        }
        FaultRule fault = accounts.forKey(apiKey).faults().forRequest(method, path);
        if (fault == null) {
            return false;
        }
        switch (fault.type()) {
            case ERROR_500 -> {
                ApiServer.writeError(exchange, fault.statusCode(),
                        "An unexpected server error occurred. (sandbox fault injection)", Map.of());
                return true;
            }
            case RATE_LIMIT_429 -> {
                ApiServer.writeError(exchange, 429,
                        "Account rate limited, please throttle your requests. (sandbox fault injection)",
                        Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())));
                return true;
            }
            case SLOW -> {
                pause(fault.delayMs());
                return false;
            }
            case HANG -> {
                pause(fault.delayMs());
                exchange.close();
                return true;
            }
            case CONNECTION_RESET -> {
                // Closing before any response is sent drops the connection: the client reads no status line.
                exchange.close();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void pause(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
