package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sandbox.SandboxFixture.Client;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox runs alone from {@link SandboxMain}, configured by options and environment variables. */
class SandboxMainTest {

    @Test
    void startsFromOptionsAndAnswers() {
        SandboxServer server = SandboxMain.start(new String[] {"--port=0", "--time-scale=60", "--seed=42"},
                Map.of("SWITCHBOARD_SANDBOX_CONCURRENCY_LIMIT", "7",
                        "SWITCHBOARD_SANDBOX_WEBHOOK_URL", "http://localhost:9/hooks"));
        try {
            Client client = Client.newAccount(server);

            assertThat(client.get("/list-voices").status()).isEqualTo(200);
            assertThat(client.get("/get-concurrency").body().get("concurrency_limit").asInt()).isEqualTo(7);
            assertThat(server.seed()).isEqualTo(42);
            assertThat(server.settings().timeScale()).isEqualTo(60);
            assertThat(server.defaultWebhookUrl()).isEqualTo("http://localhost:9/hooks");
        } finally {
            server.stop();
        }
    }

    @Test
    void refusesAnOptionThatIsNotValidNamingIt() {
        assertThatThrownBy(() -> SandboxMain.start(new String[] {"--port=0", "--time-scale=fast"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--time-scale");
    }
}
