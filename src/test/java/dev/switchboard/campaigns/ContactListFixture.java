package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import dev.switchboard.testing.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;

/** Uploads contact lists through the API and waits for their background import. */
final class ContactListFixture {

    private final MockMvc mvc;
    private final Api api;

    ContactListFixture(MockMvc mvc) {
        this.mvc = mvc;
        this.api = new Api(mvc);
    }

    /** Performs any request, multipart ones included. */
    MvcResult send(RequestBuilder request) {
        try {
            return mvc.perform(request).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    MvcResult upload(Api.Account account, String fileName, byte[] content, String name) {
        var request = multipart("/api/v1/contact-lists").file(new MockMultipartFile("file", fileName, "text/csv", content))
                .with(account.bearer());
        if (name != null) {
            request.param("name", name);
        }
        return send(request);
    }

    /** Uploads {@code csv} and answers the list's id once its import has ended. */
    UUID imported(Api.Account account, String csv) {
        JsonNode accepted = Api.json(upload(account, "leads.csv", csv.getBytes(StandardCharsets.UTF_8), "Leads"), 202);
        UUID id = UUID.fromString(accepted.get("list").get("id").asString());
        awaitEnd(account, id);
        return id;
    }

    /** Waits until the import has ended (ready or failed) and answers the list as the API shows it. */
    JsonNode awaitEnd(Api.Account account, UUID id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode list = Api.json(api.perform(get("/api/v1/contact-lists/" + id).with(account.bearer())), 200).get("list");
            last.set(list);
            assertThat(list.get("status").asString()).isIn("ready", "failed");
        });
        return last.get();
    }
}
