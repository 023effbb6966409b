package dev.switchboard.sandbox;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox alone, without the rest of Switchboard (for load tests, or for developing
 * against a Retell-compatible API):
 *
 * <pre>
 * java -cp target/switchboard-*.jar -Dloader.main=dev.switchboard.sandbox.SandboxMain \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --port=8089 --time-scale=60
 * </pre>
 *
 * Options ({@code --name=value}) override the environment ({@code SWITCHBOARD_SANDBOX_NAME}):
 * {@code port}, {@code bind-address}, {@code public-url}, {@code webhook-url}, {@code time-scale},
 * {@code seed}, {@code concurrency-limit}.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxServer server;
        try {
            server = start(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Switchboard sandbox listening on " + server.baseUrl() + " (seed " + server.seed() + ")");
        stopped.await();
    }

    /**
     * Starts a sandbox from command-line options and environment variables.
     *
     * @throws IllegalArgumentException naming the option that is not valid
     */
    public static SandboxServer start(String[] args, Map<String, String> env) {
        Map<String, String> options = options(args, env);
        SandboxSettings settings = SandboxSettings.defaults();
        settings = settings.withPort(integer(options, "port", SandboxSettings.DEFAULT_PORT));
        if (options.containsKey("bind-address")) {
            settings = settings.withBindAddress(options.get("bind-address"));
        }
        settings = settings.withPublicUrl(options.get("public-url"));
        settings = settings.withDefaultWebhookUrl(options.get("webhook-url"));
        settings = settings.withTimeScale(number(options, "time-scale", 1));
        if (options.containsKey("seed") && !options.get("seed").isBlank()) {
            settings = settings.withSeed(longNumber(options, "seed"));
        }
        settings = settings.withConcurrencyLimit(integer(options, "concurrency-limit", 20));
        SandboxServer server = new SandboxServer(settings);
        server.start();
        return server;
    }

    private static Map<String, String> options(String[] args, Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("SWITCHBOARD_SANDBOX_")) {
                options.put(name.substring("SWITCHBOARD_SANDBOX_".length()).toLowerCase(Locale.ROOT).replace('_', '-'),
                        value);
            }
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options look like --port=8089, but got " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, but was " + value);
        }
    }

    private static long longNumber(Map<String, String> options, String name) {
        String value = options.get(name);
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, but was " + value);
        }
    }

    private static double number(Map<String, String> options, String name, double fallback) {
        String value = options.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, but was " + value);
        }
    }
}
