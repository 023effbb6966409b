package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class AuthenticationApiTest {

    @Autowired MockMvc mvc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void signUpCreatesOrganizationWithItsFirstAdministrator() {
        Api.Account account = api.signUp("Acme Dental");
        JsonNode me = Api.json(api.perform(get("/api/v1/me").with(account.bearer())), 200);
        assertThat(me.get("email").asString()).isEqualTo(account.email());
        assertThat(me.get("organization").get("name").asString()).isEqualTo("Acme Dental");
        assertThat(me.get("organization").get("role").asString()).isEqualTo("admin");
        assertThat(me.get("permissions").toString()).contains("members:manage", "api-keys:manage");
        assertThat(me.get("platformAdmin").asBoolean()).isFalse();
    }

    @Test
    void signInWithTheRightPasswordIssuesTokens() {
        Api.Account account = api.signUp("Signin Co");
        Api.Account again = api.signIn(account.email().toUpperCase(), account.password(), null);
        assertThat(again.organizationId()).isEqualTo(account.organizationId());
        Api.json(api.perform(get("/api/v1/me").with(again.bearer())), 200);
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerAlike() {
        Api.Account account = api.signUp("Alike Co");
        JsonNode wrong = Api.json(signIn(account.email(), "not the password at all"), 401);
        JsonNode unknown = Api.json(signIn(Api.uniqueEmail("nobody"), "not the password at all"), 401);
        assertThat(wrong.get("detail")).isEqualTo(unknown.get("detail"));
        assertThat(wrong.get("type").asString()).isEqualTo("/problems/invalid-credentials");
    }

    @Test
    void duplicateSignUpEmailIsAConflictNamingTheField() {
        Api.Account account = api.signUp("First Co");
        MvcResult result = api.perform(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("organizationName", "Second", "fullName", "Bo", "email", account.email(),
                        "password", Api.PASSWORD))));
        JsonNode problem = Api.json(result, 409);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/email-taken");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void weakPasswordIsRefusedWithTheRule() {
        MvcResult result = api.perform(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("organizationName", "Weak", "fullName", "Bo", "email", Api.uniqueEmail("weak"),
                        "password", "short"))));
        JsonNode problem = Api.json(result, 422);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/weak-password");
        assertThat(problem.get("detail").asString()).contains("at least 10 characters");
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Api.Account account = api.signUp("Rotation Co");
        JsonNode first = Api.json(refresh(account.refreshToken()), 200);
        String second = first.get("refreshToken").asString();
        assertThat(second).isNotEqualTo(account.refreshToken());
        String newAccess = first.get("accessToken").asString();
        Api.json(api.perform(get("/api/v1/me").header("Authorization", "Bearer " + newAccess)), 200);

        JsonNode reused = Api.json(refresh(account.refreshToken()), 401);
        assertThat(reused.get("type").asString()).isEqualTo("/problems/refresh-token-reused");
        Api.json(refresh(second), 401);
        Api.json(api.perform(get("/api/v1/me").header("Authorization", "Bearer " + newAccess)), 401);
    }

    @Test
    void signOutRevokesTheRefreshTokenAndItsAccessTokens() {
        Api.Account account = api.signUp("Signout Co");
        api.perform(post("/api/v1/auth/signout").contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("refreshToken", account.refreshToken()))));
        Api.json(refresh(account.refreshToken()), 401);
        Api.json(api.perform(get("/api/v1/me").with(account.bearer())), 401);
    }

    @Test
    void forgedOrMalformedBearerTokensAre401() {
        Api.Account account = api.signUp("Forgery Co");
        String[] parts = account.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "x." + parts[2];
        for (String token : new String[] {tampered, "garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", ""}) {
            JsonNode problem = Api.json(api.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)), 401);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-token");
        }
        Api.json(api.perform(get("/api/v1/me").header("Authorization", "Basic YTpi")), 401);
        Api.json(api.perform(get("/api/v1/me")), 401);
    }

    @Test
    void signInIsLimitedPerAccountAfterRepeatedFailures() {
        Api.Account account = api.signUp("Brute Co");
        for (int i = 0; i < 10; i++) {
            Api.json(signIn(account.email(), "wrong password number " + i), 401);
        }
        MvcResult limited = signIn(account.email(), account.password());
        Api.json(limited, 429);
        assertThat(limited.getResponse().getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void signInIsLimitedPerIpAddress() {
        String ip = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 30; i++) {
            api.perform(post("/api/v1/auth/signin").with(Api.fromIp(ip)).contentType(MediaType.APPLICATION_JSON)
                    .content(Api.body(Map.of("email", Api.uniqueEmail("x"), "password", "whatever-password"))));
        }
        MvcResult limited = api.perform(post("/api/v1/auth/signin").with(Api.fromIp(ip)).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("email", Api.uniqueEmail("x"), "password", "whatever-password"))));
        Api.json(limited, 429);
        assertThat(Integer.parseInt(limited.getResponse().getHeader("Retry-After"))).isPositive();
    }

    @Test
    void signUpIsLimitedPerIpAddressAndPerAddress() {
        String ip = "198.51.100." + (1 + (int) (Math.random() * 250));
        MvcResult last = null;
        for (int i = 0; i < 11; i++) {
            last = api.perform(post("/api/v1/auth/signup").with(Api.fromIp(ip)).contentType(MediaType.APPLICATION_JSON)
                    .content(Api.body(Map.of("organizationName", "Org " + i, "fullName", "Bo", "email", Api.uniqueEmail("ip"),
                            "password", Api.PASSWORD))));
        }
        Api.json(last, 429);
        String email = Api.uniqueEmail("same");
        for (int i = 0; i < 6; i++) {
            last = api.perform(post("/api/v1/auth/signup").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                    .content(Api.body(Map.of("organizationName", "Org " + i, "fullName", "Bo", "email", email, "password", "weak"))));
        }
        Api.json(last, 429);
        assertThat(last.getResponse().getHeader("Retry-After")).isNotBlank();
    }

    private MvcResult signIn(String email, String password) {
        return api.perform(post("/api/v1/auth/signin").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("email", email, "password", password))));
    }

    private MvcResult refresh(String token) {
        return api.perform(post("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("refreshToken", token))));
    }
}
