package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Every kind of bad request gets a 4xx problem+json that names the problem, never a 5xx. */
@SwitchboardTest
class BadInputTest {

    @Autowired MockMvc mvc;
    @Value("${switchboard.data-directory}") Path dataDirectory;
    Api api;
    Api.Account account;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        account = api.signUp("Bad Input Co");
    }

    @Test
    void malformedJsonIsA400() {
        JsonNode problem = problem(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"a@b.c\", "), 400);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/malformed-json");
    }

    @Test
    void deeplyNestedJsonIsA400() {
        String nested = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        problem(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON).content(nested), 400);
    }

    @Test
    void wrongTypesNameTheField() {
        JsonNode problem = problem(post("/api/v1/api-keys").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"scopes\": [\"organization:read\"], \"expiresAt\": \"tomorrow\"}"), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
        assertThat(problem.get("detail").asString()).contains("ISO-8601");
        JsonNode list = problem(post("/api/v1/api-keys").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"scopes\": {\"a\": 1}}"), 400);
        assertThat(list.get("errors").get(0).get("field").asString()).isEqualTo("scopes");
    }

    @Test
    void missingFieldsNameTheField() {
        JsonNode problem = problem(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"organizationName\": \"Org\", \"fullName\": \"Ann\", \"password\": \"" + Api.PASSWORD + "\"}"), 422);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
        JsonNode missingBody = problem(post("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON).content("{}"), 422);
        assertThat(missingBody.get("errors").get(0).get("field").asString()).isEqualTo("refreshToken");
        problem(post("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON), 400);
    }

    @Test
    void oversizeBodiesAre413() {
        String huge = "{\"organizationName\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        JsonNode problem = problem(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(huge), 413);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/payload-too-large");
    }

    @Test
    void wrongContentTypeIs415() {
        JsonNode problem = problem(post("/api/v1/auth/signin").with(Api.randomIp()).contentType(MediaType.TEXT_PLAIN)
                .content("email=a"), 415);
        assertThat(problem.get("detail").asString()).contains("application/json");
    }

    @Test
    void invalidUuidInPathIs400NamingTheParameter() {
        JsonNode problem = problem(delete("/api/v1/api-keys/not-a-uuid").with(account.bearer()), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(problem.get("detail").asString()).contains("UUID");
    }

    @Test
    void unknownIdsAre404AndUnknownRoutesToo() {
        problem(delete("/api/v1/api-keys/" + UUID.randomUUID()).with(account.bearer()), 404);
        JsonNode route = problem(get("/api/v1/no-such-thing").with(account.bearer()), 404);
        assertThat(route.get("type").asString()).isEqualTo("/problems/not-found");
        problem(get("/api/v1/no-such-thing"), 401);
    }

    @Test
    void wrongMethodIs405() {
        problem(delete("/api/v1/me").with(account.bearer()), 405);
    }

    @Test
    void invalidCursorIs400() {
        JsonNode problem = problem(get("/api/v1/api-keys").param("cursor", "%%%garbage").with(account.bearer()), 400);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-cursor");
        problem(get("/api/v1/api-keys").param("limit", "100000").with(account.bearer()), 422);
        problem(get("/api/v1/api-keys").param("limit", "-1").with(account.bearer()), 422);
        problem(get("/api/v1/api-keys").param("limit", "many").with(account.bearer()), 400);
    }

    @Test
    void expiredAndForeignTokensAre401() throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(dataDirectory.resolve("secrets/token-secret")).trim());
        JsonNode me = Api.json(api.perform(get("/api/v1/me").with(account.bearer())), 200);
        JWTClaimsSet expired = new JWTClaimsSet.Builder().issuer("switchboard").subject(account.userId().toString())
                .claim("org", account.organizationId().toString()).claim("fam", UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().minusSeconds(5))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), expired);
        jwt.sign(new MACSigner(key));
        problem(get("/api/v1/me").header("Authorization", "Bearer " + jwt.serialize()), 401);

        SignedJWT foreign = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer("switchboard").subject(account.userId().toString()).claim("org", account.organizationId().toString())
                .claim("fam", UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        foreign.sign(new MACSigner(new byte[48]));
        problem(get("/api/v1/me").header("Authorization", "Bearer " + foreign.serialize()), 401);
        assertThat(me.get("email").asString()).isEqualTo(account.email());
    }

    @Test
    void injectionStringsAreDataNotCode() {
        String hostile = "Robert'); drop table users; -- <script>alert(1)</script>";
        Api.json(api.perform(post("/api/v1/api-keys").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(java.util.Map.of("name", hostile, "scopes", java.util.List.of("organization:read"))))), 201);
        JsonNode list = Api.json(api.perform(get("/api/v1/api-keys").with(account.bearer())), 200);
        assertThat(list.get("items").get(0).get("name").asString()).isEqualTo(hostile);
    }

    @Test
    void requestIdsAreEchoedAndHostileOnesReplaced() {
        MvcResult kept = api.perform(get("/api/v1/me").header("X-Request-Id", "trace-123").with(account.bearer()));
        assertThat(kept.getResponse().getHeader("X-Request-Id")).isEqualTo("trace-123");
        MvcResult replaced = api.perform(get("/api/v1/me").header("X-Request-Id", "bad\nheader<script>").with(account.bearer()));
        assertThat(replaced.getResponse().getHeader("X-Request-Id")).doesNotContain("<").hasSize(36);
    }

    private JsonNode problem(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, int status) {
        MvcResult result = api.perform(request);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode body = Api.json(result, status);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.toString()).doesNotContain("Exception").doesNotContain("at dev.switchboard");
        return body;
    }
}
