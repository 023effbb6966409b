package dev.switchboard.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * One stub HTTP server standing in for every real vendor (Retell, Vapi, Twilio) in tests: the
 * test application's vendor base URLs point at it, and each test stubs the vendor answers it
 * needs in the vendor's real wire format (and resets them).
 */
public final class Vendors {

    private static WireMockServer server;

    private Vendors() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return server().baseUrl();
    }
}
