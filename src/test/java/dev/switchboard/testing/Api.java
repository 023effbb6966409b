package dev.switchboard.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the REST API in tests: signs up fresh organizations (each from its own made-up IP
 * address, so per-IP limits of one test never affect another) and sends authenticated
 * requests.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String PASSWORD = "correct horse battery staple";

    /** A signed-up account with its tokens. */
    public record Account(UUID userId, UUID organizationId, String email, String password, String accessToken,
                          String refreshToken) {
        public RequestPostProcessor bearer() {
            return request -> {
                request.addHeader("Authorization", "Bearer " + accessToken);
                return request;
            };
        }
    }

    private final MockMvc mvc;

    public Api(MockMvc mvc) {
        this.mvc = mvc;
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static RequestPostProcessor fromIp(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    public static RequestPostProcessor randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return fromIp("10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)));
    }

    public Account signUp(String organizationName) {
        String email = uniqueEmail("admin");
        JsonNode body = json(perform(post("/api/v1/auth/signup").with(randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("organizationName", organizationName, "fullName", "Ada Admin",
                        "email", email, "password", PASSWORD)))), 201);
        return new Account(UUID.fromString(body.get("userId").asString()),
                UUID.fromString(body.get("organization").get("id").asString()), email, PASSWORD,
                body.get("accessToken").asString(), body.get("refreshToken").asString());
    }

    public Account signIn(String email, String password, UUID organizationId) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("email", email, "password", password));
        if (organizationId != null) {
            request.put("organizationId", organizationId.toString());
        }
        JsonNode body = json(perform(post("/api/v1/auth/signin").with(randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(request))), 200);
        return new Account(UUID.fromString(body.get("userId").asString()),
                UUID.fromString(body.get("organization").get("id").asString()), email, password,
                body.get("accessToken").asString(), body.get("refreshToken").asString());
    }

    public MvcResult perform(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(MvcResult result, int expectedStatus) {
        try {
            String content = result.getResponse().getContentAsString();
            if (result.getResponse().getStatus() != expectedStatus) {
                throw new AssertionError("Expected HTTP " + expectedStatus + " but got " + result.getResponse().getStatus()
                        + ": " + content);
            }
            return content.isEmpty() ? JSON.nullNode() : JSON.readTree(content);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String body(Object value) {
        return JSON.writeValueAsString(value);
    }
}
