package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.switchboard.platform.internal.logging.RedactingJsonLogFormatter;
import dev.switchboard.testing.SwitchboardTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Health, metrics, API documentation and structured logs, as operators use them. */
@SwitchboardTest
class ObservabilityTest {

    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void livenessAndReadinessIncludeTheDatabase() throws Exception {
        assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
    }

    @Test
    void prometheusMetricsAreExposed() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void openApiDocumentDescribesTheApi() throws Exception {
        JsonNode doc = JsonMapper.builder().build().readTree(get("/v3/api-docs").body());
        assertThat(doc.get("paths").has("/api/v1/auth/signin")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/api-keys")).isTrue();
        assertThat(get("/docs").statusCode()).isIn(200, 302);
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        HttpResponse<String> response = get("/actuator/health/liveness");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void logLinesAreJsonWithTheRequestIdAndNoSecrets() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.switchboard.Example"), Level.INFO,
                "calling +14155551234 with token=abc123secret", null, null);
        MDC.put(RequestIds.MDC_KEY, "req-42");
        try {
            event.setMDCPropertyMap(MDC.getCopyOfContextMap());
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
        String line = new RedactingJsonLogFormatter().format(event);
        Map<?, ?> json = JsonMapper.builder().build().readValue(line, Map.class);
        assertThat(json.get("requestId")).isEqualTo("req-42");
        assertThat(json.get("level")).isEqualTo("INFO");
        assertThat((String) json.get("message")).doesNotContain("4155551234").doesNotContain("abc123secret");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
