package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.testing.Vendors;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL restarted under a running server: while it is down, readiness says so and webhooks
 * are refused with a status the provider retries (never accepted and then lost); once it is back
 * the server reconnects by itself and every webhook it accepted, before and after, is in the inbox.
 */
class DatabaseOutageTest {

    private static final String SANDBOX_KEY = "sandbox-platform-key";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theServerRidesOutADatabaseRestartWithoutLosingAcceptedWebhooks() throws Exception {
        Path pgData = Files.createTempDirectory("switchboard-outage-pg");
        Path appData = Files.createTempDirectory("switchboard-outage-data");
        int pgPort = freePort();
        EmbeddedPostgres pg = postgres(pgData, pgPort);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).properties("spring.main.banner-mode=off").run(
                "--server.port=0",
                "--switchboard.db.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/switchboard_outage",
                "--switchboard.db.username=postgres",
                "--switchboard.data-directory=" + appData,
                "--switchboard.jobs.poll-interval=200ms",
                "--switchboard.sandbox.port=0",
                "--switchboard.sandbox.url=" + Vendors.baseUrl() + "/sandbox",
                "--switchboard.sandbox.provision-numbers=false",
                "--switchboard.providers.retell-base-url=" + Vendors.baseUrl() + "/retell",
                "--management.endpoint.health.show-details=always",
                "--logging.structured.format.console=")) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            assertThat(status(base + "/actuator/health/readiness")).isEqualTo(200);
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                assertThat(deliver(base)).isBetween(200, 299);
                accepted++;
            }

            // While the database is down the job poller's threads fail and retry on their own; the
            // waits below judge the server by its answers, not by those threads' exceptions.
            crash(pgData);
            release(pg);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> status(base + "/actuator/health/readiness") == 503);
            for (int i = 0; i < 3; i++) {
                int status = deliver(base);
                // Refused, so the provider delivers it again later; never "accepted" without being stored.
                assertThat(status).isGreaterThanOrEqualTo(500).isNotEqualTo(500);
            }

            pg = postgres(pgData, pgPort);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> status(base + "/actuator/health/readiness") == 200);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> deliver(base) / 100 == 2);
            accepted++;
            for (int i = 0; i < 10; i++) {
                assertThat(deliver(base)).isBetween(200, 299);
                accepted++;
            }
            try (Connection c = pg.getDatabase("postgres", "switchboard_outage").getConnection();
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from webhook_inbox")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(accepted);
            }
        } finally {
            release(pg);
        }
    }

    private int deliver(String base) throws Exception {
        String body = "{\"event\":\"call_started\",\"call\":{\"call_id\":\"outage_" + UUID.randomUUID()
                + "\",\"agent_id\":\"agent_unknown\",\"call_status\":\"ongoing\",\"direction\":\"outbound\","
                + "\"from_number\":\"+14155550100\",\"to_number\":\"+14155550199\",\"start_timestamp\":"
                + System.currentTimeMillis() + "}}";
        long now = System.currentTimeMillis();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SANDBOX_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v=" + now + ",d=" + HexFormat.of().formatHex(
                mac.doFinal((body + now).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/retell"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("x-retell-signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int status(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Kills the PostgreSQL server as a crash would (SIGKILL to the postmaster); its backends follow it. */
    private static void crash(Path data) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.parent().map(parent -> parent.pid() == pid).orElse(false)));
    }

    /** Lets go of the crashed server's handle (and its lock on the data folder); stopping it fails, as it is gone. */
    private static void release(EmbeddedPostgres crashed) {
        try {
            crashed.close();
        } catch (Exception alreadyGone) {
            // expected: there is no server left to stop
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
