package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Calls through the real embedded sandbox are billed from its signed webhooks: a connected call
 * at the organization's rate, once, with the provider's cost kept apart; an unanswered call not
 * at all. The property set is SandboxEndToEndTest's, so they share one Spring context.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class UsageEndToEndTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;

    @BeforeAll
    void anOrganizationReadyToCallAtItsOwnRate() {
        api = new Api(mvc);
        admin = api.signUp("Billed Dental");
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.json(api.perform(get("/api/v1/phone-numbers").with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        String agentId = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Billing check", "type", "appointment", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} to confirm the appointment.")))), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId)))), 204);
        Api.json(api.perform(put("/api/v1/organization/billing").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("ratePerMinuteUsd", "0.6000", "increment", "minute")))), 200);
    }

    @Test
    void aConnectedCallIsBilledOnceAtTheOrganizationsRate() {
        JsonNode done = completed("+14155550001");
        int duration = done.get("durationSeconds").asInt();
        JsonNode history = Api.json(api.perform(get("/api/v1/usage/history").param("limit", "200").with(admin.bearer())), 200);
        JsonNode bill = null;
        int bills = 0;
        for (JsonNode entry : history.get("items")) {
            if (entry.get("callId").asString().equals(done.get("id").asString())) {
                bill = entry;
                bills++;
            }
        }
        assertThat(bills).isEqualTo(1);
        long minutes = (duration + 59) / 60;
        assertThat(bill.get("billableSeconds").asLong()).isEqualTo(minutes * 60);
        assertThat(bill.get("costUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.60").multiply(BigDecimal.valueOf(minutes)));
        assertThat(bill.get("providerCostCents").decimalValue()).isEqualByComparingTo(done.get("costCents").decimalValue());
    }

    @Test
    void anUnansweredCallIsNotBilled() {
        JsonNode done = completed("+14155550003");
        assertThat(database.owner().sql("select count(*) from usage_history where call_id = ?")
                .param(UUID.fromString(done.get("id").asString())).query(Long.class).single()).isZero();
    }

    private JsonNode completed(String to) {
        String id = Api.json(api.perform(post("/api/v1/calls").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("to", to, "variables", Map.of("first_name", "Flo"))))), 201).get("id").asString();
        return await().atMost(Duration.ofSeconds(40)).until(() -> Api.json(api.perform(get("/api/v1/calls/" + id)
                .with(admin.bearer())), 200), c -> "completed".equals(c.get("status").asString()));
    }
}
