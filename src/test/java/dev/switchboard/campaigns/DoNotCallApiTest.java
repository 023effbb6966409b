package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The do-not-call list through the API and through the contract the dialer uses, with its audit trail. */
@SwitchboardTest
class DoNotCallApiTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired DoNotCall doNotCall;
    Api api;
    Api.Account admin;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Quiet Co");
    }

    @Test
    void numbersAreAddedInAnyLocalFormatAndRemovedWithAnAuditTrail() {
        JsonNode added = Api.json(add(admin, "(415) 555-1234", "asked by e-mail"), 201);
        assertThat(added.get("phoneNumber").asString()).isEqualTo("+14155551234");
        assertThat(added.get("source").asString()).isEqualTo("api");
        assertThat(added.get("reason").asString()).isEqualTo("asked by e-mail");
        JsonNode again = Api.json(add(admin, "+14155551234", "other reason"), 200);
        assertThat(again.get("reason").asString()).isEqualTo("asked by e-mail");

        JsonNode invalid = Api.json(add(admin, "call me maybe", null), 422);
        assertThat(invalid.get("errors").get(0).get("field").asString()).isEqualTo("phoneNumber");

        assertThat(api.perform(delete("/api/v1/do-not-call/+14155551234").with(admin.bearer())).getResponse().getStatus())
                .isEqualTo(204);
        Api.json(api.perform(delete("/api/v1/do-not-call/+14155551234").with(admin.bearer())), 404);
        assertThat(audits("donotcall.added")).isEqualTo(1);
        assertThat(audits("donotcall.removed")).isEqualTo(1);
    }

    @Test
    void theListIsSearchedAndPaged() {
        Api.json(add(admin, "+14155551234", "lawyer letter"), 201);
        Api.json(add(admin, "+14155559876", "asked on the phone"), 201);
        Api.json(add(admin, "+447700123456", null), 201);
        JsonNode byDigits = Api.json(api.perform(get("/api/v1/do-not-call?q=9876").with(admin.bearer())), 200);
        assertThat(numbers(byDigits)).containsExactly("+14155559876");
        JsonNode byReason = Api.json(api.perform(get("/api/v1/do-not-call?q=LAWYER").with(admin.bearer())), 200);
        assertThat(numbers(byReason)).containsExactly("+14155551234");
        JsonNode first = Api.json(api.perform(get("/api/v1/do-not-call?limit=2").with(admin.bearer())), 200);
        JsonNode rest = Api.json(api.perform(get("/api/v1/do-not-call?limit=2&cursor=" + first.get("nextCursor").asString())
                .with(admin.bearer())), 200);
        assertThat(numbers(first).size() + numbers(rest).size()).isEqualTo(3);
        assertThat(rest.get("nextCursor")).isNull();
        Api.json(api.perform(get("/api/v1/do-not-call?cursor=nonsense").with(admin.bearer())), 400);
    }

    @Test
    void aFileOfNumbersIsImportedWithAReport() {
        String csv = "Name,Phone\nAnn,(415) 555-1234\nBob,not a number\nCy,+14155551234\nDi,415.555.4321\n";
        MvcResult result = new ContactListFixture(mvc).send(multipart("/api/v1/do-not-call/import")
                .file(new MockMultipartFile("file", "dnc.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(admin.bearer()));
        JsonNode report = Api.json(result, 200);
        assertThat(report.get("rowsRead").asInt()).isEqualTo(4);
        assertThat(report.get("added").asInt()).isEqualTo(2);
        assertThat(report.get("alreadyListed").asInt()).isEqualTo(1);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(report.get("rejected").get(0).get("value").asString()).isEqualTo("not a number");
        assertThat(audits("donotcall.imported")).isEqualTo(1);
        JsonNode listed = Api.json(api.perform(get("/api/v1/do-not-call").with(admin.bearer())), 200);
        assertThat(numbers(listed)).containsExactlyInAnyOrder("+14155551234", "+14155554321");
        assertThat(listed.get("items").get(0).get("source").asString()).isEqualTo("import");

        JsonNode headerless = Api.json(new ContactListFixture(mvc).send(multipart("/api/v1/do-not-call/import")
                .file(new MockMultipartFile("file", "n.csv", "text/csv", "4155550999\n4155550998\n".getBytes(StandardCharsets.UTF_8)))
                .with(admin.bearer())), 200);
        assertThat(headerless.get("added").asInt()).isEqualTo(2);
        JsonNode binary = Api.json(new ContactListFixture(mvc).send(multipart("/api/v1/do-not-call/import")
                .file(new MockMultipartFile("file", "n.bin", "application/octet-stream", new byte[] {0, 1, 2, 0, 0, 3, 0, 0}))
                .with(admin.bearer())), 422);
        assertThat(binary.get("detail").asString()).contains("it contains binary data");
    }

    @Test
    void theDialersContractChecksAndAddsNumbersAudited() {
        var org = admin.organizationId();
        assertThat(TenantScope.callAs(org, () -> doNotCall.add(org, "+14155551234", DoNotCall.Source.CALL,
                "Asked not to be called again"))).isTrue();
        assertThat(TenantScope.callAs(org, () -> doNotCall.add(org, "+14155551234", DoNotCall.Source.CALL, "again"))).isFalse();
        assertThat(TenantScope.callAs(org, () -> doNotCall.isBlocked(org, "+14155551234"))).isTrue();
        assertThat(TenantScope.callAs(org, () -> doNotCall.isBlocked(org, "+14155551235"))).isFalse();
        assertThat(TenantScope.callAs(org, () -> doNotCall.blocked(org, List.of("+14155551234", "+14155551235"))))
                .containsExactly("+14155551234");
        assertThatThrownBy(() -> TenantScope.callAs(org, () -> doNotCall.add(org, "4155551234", DoNotCall.Source.CALL, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(database.owner().sql("select details->>'source' from audit_events where organization_id = ? "
                + "and action = 'donotcall.added'").param(org).query(String.class).list()).containsExactly("call");
    }

    @Test
    void anotherOrganizationNeitherSeesNorChangesTheList() {
        Api.json(add(admin, "+14155551234", "private reason"), 201);
        Api.Account other = api.signUp("Loud Co");
        assertThat(Api.json(api.perform(get("/api/v1/do-not-call").with(other.bearer())), 200).get("items")).isEmpty();
        Api.json(api.perform(delete("/api/v1/do-not-call/+14155551234").with(other.bearer())), 404);
        assertThat(TenantScope.callAs(other.organizationId(), () -> doNotCall.isBlocked(admin.organizationId(), "+14155551234")))
                .isFalse();
        Api.json(add(other, "+14155551234", "their own"), 201);
        assertThat(Api.json(api.perform(get("/api/v1/do-not-call").with(admin.bearer())), 200).get("items").get(0)
                .get("reason").asString()).isEqualTo("private reason");
    }

    private MvcResult add(Api.Account account, String number, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("phoneNumber", number);
        if (reason != null) {
            body.put("reason", reason);
        }
        return api.perform(post("/api/v1/do-not-call").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(body)));
    }

    private int audits(String action) {
        return database.owner().sql("select count(*) from audit_events where organization_id = ? and action = ?")
                .params(admin.organizationId(), action).query(Integer.class).single();
    }

    private static List<String> numbers(JsonNode page) {
        return page.get("items").valueStream().map(i -> i.get("phoneNumber").asString()).toList();
    }
}
