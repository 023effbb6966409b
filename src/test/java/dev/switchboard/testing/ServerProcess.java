package dev.switchboard.testing;

import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Switchboard server in a JVM of its own, started from the test's class path, so a test can
 * kill it as the operating system would ({@code SIGKILL}: no shutdown hook, no graceful stop).
 * Its output goes to {@code target/server-processes/<name>.log}.
 */
public final class ServerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a server on {@code port} with the given command-line {@code arguments} and waits
     * until it is ready (its readiness probe answers 200).
     *
     * @throws AssertionError when it exits or is not ready within two minutes, with its log's end
     */
    public static ServerProcess start(String name, int port, List<String> arguments) {
        Path log = Path.of("target", "server-processes", name + ".log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // A test server: small, quick to start, sparing the machine's other work.
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                SwitchboardApplication.class.getName(),
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                "--logging.structured.format.console="));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            // A test JVM that ends early (a failure, an interrupted build) leaves no server behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            ServerProcess server = new ServerProcess(process, log, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port free now, for a server that must come back on the same one. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Kills the server at once ({@code SIGKILL}) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server if it still runs; for clean-up. */
    public void stop() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The server exited with " + process.exitValue() + ":\n" + logTail());
                }
                return readiness() == 200;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            stop();
            throw new AssertionError("The server was not ready within two minutes:\n" + logTail(), e);
        }
    }

    private int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
