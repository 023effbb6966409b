package dev.switchboard.platform.internal.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.platform.ProviderClient;
import dev.switchboard.platform.ProviderFailure;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientProviderClientsTest {

    WireMockServer vendor;
    ProviderClient client;

    @BeforeEach
    void start() {
        vendor = new WireMockServer(wireMockConfig().dynamicPort());
        vendor.start();
        client = new ResilientProviderClients(3, Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .client("acme", URI.create(vendor.baseUrl()));
    }

    @AfterEach
    void stop() {
        vendor.stop();
    }

    @Test
    void rateLimitIsRetriedAfterTheTimeTheProviderAsks() {
        vendor.stubFor(get(urlEqualTo("/thing")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        vendor.stubFor(get(urlEqualTo("/thing")).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        long start = System.nanoTime();
        ProviderClient.Response response = client.send(ProviderClient.Request.get("/thing", Duration.ofSeconds(2)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void gatewayErrorsAreRetriedThenReported() {
        vendor.stubFor(post(urlEqualTo("/create")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.send(ProviderClient.Request.json("POST", "/create", "{}", Duration.ofSeconds(2), false)))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.SERVER_ERROR);
                    assertThat(f.status()).isEqualTo(503);
                });
        vendor.verify(3, postRequestedFor(urlEqualTo("/create")));
    }

    @Test
    void anAmbiguous500IsNotRepeatedForARequestThatCreatesSomething() {
        vendor.stubFor(post(urlEqualTo("/create")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> client.send(ProviderClient.Request.json("POST", "/create", "{}", Duration.ofSeconds(2), false)))
                .isInstanceOf(ProviderFailure.class);
        vendor.verify(1, postRequestedFor(urlEqualTo("/create")));
    }

    @Test
    void timeoutsAreRetriedOnlyForIdempotentRequests() {
        vendor.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(600)));
        vendor.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(600)));
        assertThatThrownBy(() -> client.send(ProviderClient.Request.get("/slow", Duration.ofMillis(200))))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT));
        vendor.verify(3, getRequestedFor(urlEqualTo("/slow")));
        assertThatThrownBy(() -> client.send(ProviderClient.Request.json("POST", "/slow", "{}", Duration.ofMillis(200), false)))
                .isInstanceOf(ProviderFailure.class);
        vendor.verify(1, postRequestedFor(urlEqualTo("/slow")));
    }

    @Test
    void connectionResetsAreReportedAsNetworkFailures() {
        vendor.stubFor(get(urlEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> client.send(ProviderClient.Request.get("/reset", Duration.ofSeconds(2))))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.NETWORK));
    }

    @Test
    void clientErrorsAreReturnedForTheAdapterToTranslate() {
        vendor.stubFor(post(urlEqualTo("/bad")).willReturn(aResponse().withStatus(400).withBody("{\"message\":\"not a valid number\"}")));
        ProviderClient.Response response = client.send(ProviderClient.Request.json("POST", "/bad", "{}", Duration.ofSeconds(2), false));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("not a valid number");
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCalling() {
        vendor.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        ProviderClient oneAttempt = new ResilientProviderClients(1, Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .client("acme", URI.create(vendor.baseUrl()));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> oneAttempt.send(ProviderClient.Request.get("/down", Duration.ofSeconds(1))))
                    .isInstanceOf(ProviderFailure.class);
        }
        assertThatThrownBy(() -> oneAttempt.send(ProviderClient.Request.get("/down", Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE));
        vendor.verify(10, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void oneAccountsOpenCircuitDoesNotStopAnotherAccountAtTheSameVendor() {
        vendor.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        vendor.stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200)));
        ResilientProviderClients clients = new ResilientProviderClients(1, Duration.ofMillis(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        ProviderClient failing = clients.client("acme", URI.create(vendor.baseUrl()), "key-of-one-organization");
        for (int i = 0; i < 11; i++) {
            assertThatThrownBy(() -> failing.send(ProviderClient.Request.get("/down", Duration.ofSeconds(1))))
                    .isInstanceOf(ProviderFailure.class);
        }
        assertThatThrownBy(() -> failing.send(ProviderClient.Request.get("/up", Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE));

        ProviderClient other = clients.client("acme", URI.create(vendor.baseUrl()), "key-of-another-organization");
        assertThat(other.send(ProviderClient.Request.get("/up", Duration.ofSeconds(1))).status()).isEqualTo(200);
    }

    @Test
    void noRequestWaitsLongerThanTheConfiguredLongestTimeout() {
        vendor.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        ProviderClient bounded = new ResilientProviderClients(1, Duration.ofMillis(1), Duration.ofSeconds(30),
                Duration.ofMillis(300)).client("acme", URI.create(vendor.baseUrl()));
        long start = System.nanoTime();
        assertThatThrownBy(() -> bounded.send(ProviderClient.Request.get("/slow", Duration.ofSeconds(20))))
                .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertThat(ResilientProviderClients.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(ResilientProviderClients.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ResilientProviderClients.retryAfter("soon")).isNull();
    }
}
