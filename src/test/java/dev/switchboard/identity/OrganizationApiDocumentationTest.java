package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** API clients find every organization-management operation, with a summary, in the OpenAPI document. */
@SwitchboardTest
class OrganizationApiDocumentationTest {

    @Autowired MockMvc mvc;

    @Test
    void everyOperationIsDocumentedUnderItsTag() {
        JsonNode docs = Api.json(new Api(mvc).perform(get("/v3/api-docs")), 200);
        Map<String, List<String>> expected = Map.of(
                "/api/v1/organization", List.of("get", "patch"),
                "/api/v1/organization/members", List.of("get"),
                "/api/v1/organization/members/{userId}", List.of("get", "patch", "delete"),
                "/api/v1/organization/invitations", List.of("get", "post"),
                "/api/v1/organization/invitations/{invitationId}", List.of("delete"),
                "/api/v1/invitations/{token}", List.of("get"),
                "/api/v1/invitations/{token}/accept", List.of("post"),
                "/api/v1/audit-events", List.of("get"));
        List<String> tags = new ArrayList<>();
        expected.forEach((path, methods) -> {
            JsonNode item = docs.get("paths").get(path);
            assertThat(item).as(path).isNotNull();
            for (String method : methods) {
                JsonNode operation = item.get(method);
                assertThat(operation).as(method + " " + path).isNotNull();
                assertThat(operation.get("summary").asString()).as(method + " " + path).isNotBlank();
                operation.get("tags").forEach(t -> tags.add(t.asString()));
            }
        });
        assertThat(tags).contains("Organization", "Members", "Invitations", "Audit log");
    }
}
