package dev.switchboard.telephony;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Bring-your-own provider credentials: checked with the vendor, encrypted, last four only, audited. */
@SwitchboardTest
class IntegrationsTest {

    static final String KEY = "key_live_0123456789abcd";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ProviderAccounts accounts;
    Api api;
    Api.Account admin;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Integrations Co");
        Vendors.server().resetAll();
    }

    @Test
    void ownRetellKeyIsCheckedKeptEncryptedAndShownByItsLastFour() {
        Vendors.server().stubFor(get(urlEqualTo("/retell/get-concurrency")).withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(aResponse().withStatus(200).withBody("{\"current_concurrency\":0,\"concurrency_limit\":20}")));
        JsonNode connected = Api.json(api.perform(put("/api/v1/integrations/retell").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("apiKey", KEY)))), 200);
        assertThat(connected.get("mode").asString()).isEqualTo("own");
        assertThat(connected.get("keyLastFour").asString()).isEqualTo("abcd");
        JsonNode list = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/integrations").with(admin.bearer())), 200);
        assertThat(list.toString()).doesNotContain(KEY).contains("abcd");
        String stored = database.owner().sql("select ciphertext from organization_secrets where organization_id = ?")
                .param(admin.organizationId()).query(String.class).single();
        assertThat(stored).doesNotContain(KEY);
        ProviderAccount account = TenantScope.callAs(admin.organizationId(), accounts::voiceAccount);
        assertThat(account.provider()).isEqualTo("retell");
        assertThat(account.apiKey()).isEqualTo(KEY);
        assertThat(account.organizationOwned()).isTrue();
        assertThat(database.owner().sql("select details::text from audit_events where organization_id = ? "
                + "and action = 'integration.credentials_changed'").param(admin.organizationId()).query(String.class).single())
                .doesNotContain(KEY);

        Api.json(api.perform(delete("/api/v1/integrations/retell").with(admin.bearer())), 204);
        assertThat(TenantScope.callAs(admin.organizationId(), accounts::voiceAccount).provider()).isEqualTo("sandbox");
    }

    @Test
    void anotherOrganizationNeitherSeesNorUsesTheOwnAccount() {
        Vendors.server().stubFor(get(urlEqualTo("/retell/get-concurrency"))
                .willReturn(aResponse().withStatus(200).withBody("{\"current_concurrency\":0,\"concurrency_limit\":20}")));
        Api.json(api.perform(put("/api/v1/integrations/retell").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("apiKey", KEY)))), 200);
        Api.Account other = api.signUp("Other integrations Co");
        JsonNode theirs = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/integrations").with(other.bearer())), 200);
        assertThat(theirs.toString()).doesNotContain("abcd").contains("\"mode\":\"platform\"");
        assertThat(TenantScope.callAs(other.organizationId(), accounts::voiceAccount).provider()).isEqualTo("sandbox");
        Api.json(api.perform(delete("/api/v1/integrations/retell").with(other.bearer())), 204);
        assertThat(TenantScope.callAs(admin.organizationId(), accounts::voiceAccount).apiKey()).isEqualTo(KEY);
    }

    @Test
    void aKeyTheVendorRefusesIsNotSaved() {
        Vendors.server().stubFor(get(urlEqualTo("/retell/get-concurrency"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Invalid API Key\"}")));
        JsonNode problem = Api.json(api.perform(put("/api/v1/integrations/retell").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("apiKey", "key_wrong_999999")))), 422);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/credentials-rejected");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("apiKey");
        assertThat(database.owner().sql("select count(*) from organization_provider_accounts where organization_id = ?")
                .param(admin.organizationId()).query(Long.class).single()).isZero();
    }

    @Test
    void withoutOwnCredentialsTheSandboxIsUsed() {
        ProviderAccount voice = TenantScope.callAs(admin.organizationId(), accounts::voiceAccount);
        assertThat(voice.provider()).isEqualTo("sandbox");
        assertThat(voice.organizationOwned()).isFalse();
        assertThat(TenantScope.callAs(admin.organizationId(), accounts::telephonyAccount).provider()).isEqualTo("sandbox");
    }

    @Test
    void onlyAdministratorsManageIntegrationsAndBadInputIsNamed() {
        Api.json(api.perform(put("/api/v1/integrations/acme").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("apiKey", KEY)))), 404);
        JsonNode missing = Api.json(api.perform(put("/api/v1/integrations/twilio").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("apiKey", KEY, "accountSid", "nope")))), 422);
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("accountSid");
        Api.Account viewer = api.signUp("Viewer home");
        database.owner().sql("insert into memberships (organization_id, user_id, role) values (?, ?, 'viewer')")
                .params(admin.organizationId(), viewer.userId()).update();
        Api.Account asViewer = api.signIn(viewer.email(), viewer.password(), admin.organizationId());
        Api.json(api.perform(put("/api/v1/integrations/retell").with(asViewer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("apiKey", KEY)))), 403);
    }
}
