package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Uploads over switchboard.imports.max-bytes are refused with a 413 that names the limit. */
@SwitchboardTest
@TestPropertySource(properties = "switchboard.imports.max-bytes=64KB")
class ContactImportSizeLimitTest {

    @Autowired MockMvc mvc;
    @LocalServerPort int port;

    @Test
    void anUploadOverTheLimitIsRefusedNamingTheLimit() throws Exception {
        Api api = new Api(mvc);
        Api.Account admin = api.signUp("Big Files Co");
        byte[] big = ("phone_number,crm_id\n" + "+14155551234,C1\n".repeat(6_000)).getBytes(StandardCharsets.UTF_8);

        JsonNode viaMock = Api.json(new ContactListFixture(mvc).upload(admin, "big.csv", big, "Big"), 413);
        assertThat(viaMock.get("detail").asString()).contains("larger than the 64 KB");
        assertThat(viaMock.get("maxBytes").asLong()).isEqualTo(65_536);

        String boundary = "sb-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + big.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(big, 0, body, head.length, big.length);
        System.arraycopy(tail, 0, body, head.length + big.length, tail.length);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/contact-lists"))
                .header("Authorization", "Bearer " + admin.accessToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("64 KB");
    }
}
