package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.SandboxFixture.Client;
import dev.switchboard.testing.SwitchboardTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox starts with the application and sends call events to the application's own webhook path. */
@SwitchboardTest
class SandboxInApplicationTest {

    @Autowired
    SandboxServer sandbox;

    @LocalServerPort
    int serverPort;

    @Test
    void runsAlongsideTheApplicationOnItsOwnPort() {
        assertThat(sandbox.isRunning()).isTrue();
        assertThat(sandbox.port()).isNotEqualTo(serverPort);
        assertThat(Client.newAccount(sandbox).get("/list-voices").status()).isEqualTo(200);
    }

    @Test
    void sendsCallEventsToTheApplicationsRetellWebhookOnItsActualPort() {
        assertThat(sandbox.defaultWebhookUrl()).isEqualTo("http://localhost:" + serverPort + "/webhooks/retell");
    }
}
