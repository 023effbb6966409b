package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The invitation reaches the invited person by e-mail, and its link lets them join. */
@SwitchboardTest
class InvitationMailTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;

    @Test
    void invitedPersonJoinsThroughTheEmailedLink() {
        Api api = new Api(mvc);
        Api.Account admin = api.signUp("Mailing Co");
        String invitee = Api.uniqueEmail("grace");
        Api.json(api.perform(post("/api/v1/organization/invitations").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("email", invitee, "role", "manager")))), 201);
        String mail = Outbox.latest(database, invitee, "invitation");
        assertThat(mail).contains("Mailing Co").contains("manager").contains("7 days").contains("/invitations/sbi_");
        String token = Outbox.token(mail);

        JsonNode preview = Api.json(api.perform(get("/api/v1/invitations/" + token).with(Api.randomIp())), 200);
        assertThat(preview.get("organizationName").asString()).isEqualTo("Mailing Co");
        JsonNode joined = Api.json(api.perform(post("/api/v1/invitations/" + token + "/accept").with(Api.randomIp())
                .contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("fullName", "Grace Hopper", "password", Api.PASSWORD)))), 201);
        String access = joined.get("accessToken").asString();
        JsonNode me = Api.json(api.perform(get("/api/v1/me").header("Authorization", "Bearer " + access)), 200);
        assertThat(me.get("organization").get("role").asString()).isEqualTo("manager");
    }
}
