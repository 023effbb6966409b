package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class ApiKeysTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Keys Co");
    }

    @Test
    void createdKeyIsShownOnceAndWorksInBothHeaders() {
        JsonNode created = create(admin, Map.of("name", "CRM sync", "scopes", List.of("organization:read")), 201);
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("sbk_");
        assertThat(created.get("key").get("prefix").asString()).isEqualTo(secret.substring(0, 12));

        JsonNode viaHeader = Api.json(api.perform(get("/api/v1/me").header("X-Api-Key", secret)), 200);
        assertThat(viaHeader.get("authenticatedWith").asString()).isEqualTo("api_key");
        assertThat(viaHeader.get("organization").get("id").asString()).isEqualTo(admin.organizationId().toString());
        Api.json(api.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret)), 200);

        JsonNode list = Api.json(api.perform(get("/api/v1/api-keys").with(admin.bearer())), 200);
        assertThat(list.toString()).doesNotContain(secret);
        assertThat(list.get("items").get(0).get("lastUsedAt").isNull()).isFalse();
        byte[] stored = database.owner().sql("select token_hash from api_keys where id = ?::uuid")
                .param(created.get("key").get("id").asString()).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    }

    @Test
    void aKeyCanDoOnlyWhatItsScopesSay() {
        String readOnly = create(admin, Map.of("name", "reader", "scopes", List.of("organization:read")), 201)
                .get("secret").asString();
        JsonNode problem = Api.json(api.perform(post("/api/v1/api-keys").header("X-Api-Key", readOnly)
                .contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "escalate", "scopes", List.of("api-keys:manage"))))), 403);
        assertThat(problem.get("detail").asString()).contains("api-keys:manage");
    }

    @Test
    void unknownScopesAndBadExpiriesAreRefusedClearly() {
        JsonNode unknown = create(admin, Map.of("name", "x", "scopes", List.of("everything")), 422);
        assertThat(unknown.get("detail").asString()).contains("'everything' is not a scope").contains("campaigns:run");
        JsonNode past = create(admin, Map.of("name", "x", "scopes", List.of("organization:read"),
                "expiresAt", Instant.now().minus(1, ChronoUnit.DAYS).toString()), 422);
        assertThat(past.get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
        create(admin, Map.of("name", " ", "scopes", List.of("organization:read")), 422);
    }

    @Test
    void revokedAndExpiredKeysStopWorking() {
        JsonNode created = create(admin, Map.of("name", "temp", "scopes", List.of("organization:read")), 201);
        String secret = created.get("secret").asString();
        Api.json(api.perform(delete("/api/v1/api-keys/" + created.get("key").get("id").asString()).with(admin.bearer())), 204);
        JsonNode problem = Api.json(api.perform(get("/api/v1/me").header("X-Api-Key", secret)), 401);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-api-key");

        JsonNode expiring = create(admin, Map.of("name", "short", "scopes", List.of("organization:read"),
                "expiresAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()), 201);
        database.owner().sql("update api_keys set expires_at = now() - interval '1 second' where id = ?::uuid")
                .param(expiring.get("key").get("id").asString()).update();
        Api.json(api.perform(get("/api/v1/me").header("X-Api-Key", expiring.get("secret").asString())), 401);
    }

    @Test
    void rotationReplacesTheSecret() {
        JsonNode created = create(admin, Map.of("name", "rotating", "scopes", List.of("organization:read")), 201);
        String old = created.get("secret").asString();
        JsonNode rotated = Api.json(api.perform(post("/api/v1/api-keys/" + created.get("key").get("id").asString() + "/rotate")
                .with(admin.bearer())), 201);
        String fresh = rotated.get("secret").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.get("key").get("rotatedFrom").asString()).isEqualTo(created.get("key").get("id").asString());
        Api.json(api.perform(get("/api/v1/me").header("X-Api-Key", old)), 401);
        Api.json(api.perform(get("/api/v1/me").header("X-Api-Key", fresh)), 200);
    }

    @Test
    void keyCreationAndRevocationAreAudited() {
        JsonNode created = create(admin, Map.of("name", "audited", "scopes", List.of("organization:read")), 201);
        api.perform(delete("/api/v1/api-keys/" + created.get("key").get("id").asString()).with(admin.bearer()));
        List<String> actions = database.owner().sql(
                "select action from audit_events where organization_id = ? and target_id = ? order by occurred_at")
                .params(admin.organizationId(), created.get("key").get("id").asString()).query(String.class).list();
        assertThat(actions).containsExactly("api_key.created", "api_key.revoked");
    }

    @Test
    void anotherOrganizationCannotSeeRevokeOrRotateKeys() {
        JsonNode created = create(admin, Map.of("name", "private", "scopes", List.of("organization:read")), 201);
        String id = created.get("key").get("id").asString();
        Api.Account other = api.signUp("Other Co");
        JsonNode list = Api.json(api.perform(get("/api/v1/api-keys").with(other.bearer())), 200);
        assertThat(list.get("items").size()).isZero();
        Api.json(api.perform(delete("/api/v1/api-keys/" + id).with(other.bearer())), 404);
        Api.json(api.perform(post("/api/v1/api-keys/" + id + "/rotate").with(other.bearer())), 404);
        Api.json(api.perform(get("/api/v1/me").header("X-Api-Key", created.get("secret").asString())), 200);
    }

    @Test
    void eachKeyIsRateLimited() {
        String secret = create(admin, Map.of("name", "busy", "scopes", List.of("organization:read")), 201)
                .get("secret").asString();
        MvcResult last = null;
        for (int i = 0; i < 1000; i++) {
            last = api.perform(get("/api/v1/me").header("X-Api-Key", secret));
            if (last.getResponse().getStatus() == 429) {
                break;
            }
        }
        assertThat(last.getResponse().getStatus()).isEqualTo(429);
        assertThat(last.getResponse().getHeader("Retry-After")).isNotBlank();
        assertThat(last.getResponse().getHeader("X-RateLimit-Remaining")).isEqualTo("0");
    }

    private JsonNode create(Api.Account who, Map<String, Object> body, int status) {
        return Api.json(api.perform(post("/api/v1/api-keys").with(who.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(body))), status);
    }
}
