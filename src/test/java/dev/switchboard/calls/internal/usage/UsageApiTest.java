package dev.switchboard.calls.internal.usage;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.calls.UsageFigures;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The usage and billing endpoints and the "Usage &amp; billing" page: what members read, what only
 * administrators change, what is refused, and that one organization never sees another's usage.
 */
@SwitchboardTest
class UsageApiTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired Sessions sessions;
    @Autowired UsageFigures figures;
    Api api;
    UsageFixture fixture;
    Api.Account admin;
    /** Ended an hour ago, so always in this month's figures unless the month just began. */
    Instant recently;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new UsageFixture(api, database, tx, events);
        admin = api.signUp("Usage Clinic");
        Instant now = Instant.now();
        Instant monthStart = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        recently = now.minusSeconds(3600).isAfter(monthStart) ? now.minusSeconds(3600) : now.minusSeconds(1);
    }

    @Test
    void aNewOrganizationHasNoUsageYet() {
        JsonNode usage = Api.json(api.perform(get("/api/v1/usage").with(admin.bearer())), 200);
        assertThat(usage.get("currency").asString()).isEqualTo("USD");
        assertThat(usage.get("billing").get("ratePerMinuteUsd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(usage.get("billing").get("increment").asString()).isEqualTo("second");
        assertThat(usage.get("currentPeriod").get("usage").get("calls").asLong()).isZero();
        assertThat(usage.get("totals").get("calls").asLong()).isZero();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(usage.get("currentPeriod").get("start").asString()).isEqualTo(today.withDayOfMonth(1).toString());
        assertThat(usage.get("days").size()).isEqualTo(today.getDayOfMonth());
        JsonNode history = Api.json(api.perform(get("/api/v1/usage/history").with(admin.bearer())), 200);
        assertThat(history.get("items").size()).isZero();
        assertThat(history.path("nextCursor").isMissingNode()).as("no next page").isTrue();
    }

    @Test
    void usageShowsTheMonthTheTotalsAndEachDay() {
        fixture.endCall(admin.organizationId(), 61, recently);
        fixture.endCall(admin.organizationId(), 120, recently.minusSeconds(5));
        LocalDate day = LocalDate.ofInstant(recently, ZoneOffset.UTC);
        JsonNode usage = Api.json(api.perform(get("/api/v1/usage").param("from", day.toString()).param("to", day.toString())
                .with(admin.bearer())), 200);
        JsonNode month = usage.get("currentPeriod").get("usage");
        assertThat(month.get("calls").asLong()).isEqualTo(2);
        assertThat(month.get("billableSeconds").asLong()).isEqualTo(181);
        assertThat(month.get("minutes").decimalValue()).isEqualByComparingTo("3.02");
        assertThat(month.get("costUsd").decimalValue()).isEqualByComparingTo("0.754167");
        assertThat(usage.get("totals").get("calls").asLong()).isEqualTo(2);
        assertThat(usage.get("days").size()).isEqualTo(1);
        assertThat(usage.get("days").get(0).get("date").asString()).isEqualTo(day.toString());
        assertThat(usage.get("days").get(0).get("usage").get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void otherPagesReadTodaysAndThisMonthsFigures() {
        Instant now = Instant.now();
        fixture.endCall(admin.organizationId(), 90, now);
        fixture.endCall(admin.organizationId(), 0, now);
        Api.json(fixture.setRate(admin, "1", "minute"), 200);
        fixture.endCall(admin.organizationId(), 30, now);
        UsageFigures.Figures current = TenantScope.callAs(admin.organizationId(), figures::current);
        assertThat(current.callsToday()).isEqualTo(3);
        assertThat(current.callsThisMonth()).isEqualTo(3);
        assertThat(current.billedCallsThisMonth()).isEqualTo(2);
        assertThat(current.minutesThisMonth()).isEqualByComparingTo("2.50");
        assertThat(current.costThisMonthUsd()).isEqualByComparingTo("1.375");
        assertThat(current.ratePerMinuteUsd()).isEqualByComparingTo("1");
        assertThat(current.periodStart()).isEqualTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
    }

    @Test
    void historyIsPagedNewestFirst() {
        List<UUID> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(fixture.endCall(admin.organizationId(), 30 + i, recently.minusSeconds(60L * (3 - i))));
        }
        JsonNode first = Api.json(api.perform(get("/api/v1/usage/history").param("limit", "2").with(admin.bearer())), 200);
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("callId").asString()).isEqualTo(calls.get(2).toString());
        assertThat(first.get("items").get(0).get("durationSeconds").asInt()).isEqualTo(32);
        JsonNode second = Api.json(api.perform(get("/api/v1/usage/history").param("limit", "2")
                .param("cursor", first.get("nextCursor").asString()).with(admin.bearer())), 200);
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(second.get("items").get(0).get("callId").asString()).isEqualTo(calls.get(0).toString());
        assertThat(second.path("nextCursor").isMissingNode()).as("no next page").isTrue();
    }

    @Test
    void badRangesAndPagesAreRefusedWithTheFieldToFix() {
        assertField(api.perform(get("/api/v1/usage").param("from", "yesterday").with(admin.bearer())), 422, "from");
        assertField(api.perform(get("/api/v1/usage").param("from", "+999999999-12-31").param("to", "+999999999-12-31")
                .with(admin.bearer())), 422, "from");
        assertField(api.perform(get("/api/v1/usage").param("from", "2026-11-10").param("to", "2026-11-01")
                .with(admin.bearer())), 422, "to");
        assertField(api.perform(get("/api/v1/usage").param("from", "2024-01-01").param("to", "2026-01-01")
                .with(admin.bearer())), 422, "to");
        assertField(api.perform(get("/api/v1/usage/history").param("limit", "0").with(admin.bearer())), 422, "limit");
        assertField(api.perform(get("/api/v1/usage/history").param("cursor", "not-a-cursor").with(admin.bearer())), 400,
                "cursor");
    }

    @Test
    void administratorsChangeTheRateAndTheChangeIsAudited() {
        JsonNode changed = Api.json(fixture.setRate(admin, "0.0725", "minute"), 200);
        assertThat(changed.get("ratePerMinuteUsd").decimalValue()).isEqualByComparingTo("0.0725");
        JsonNode read = Api.json(api.perform(get("/api/v1/organization/billing").with(admin.bearer())), 200);
        assertThat(read.get("increment").asString()).isEqualTo("minute");
        String details = database.owner().sql("""
                select details::text from audit_events where organization_id = ? and action = 'billing.settings_changed'""")
                .param(admin.organizationId()).query(String.class).single();
        assertThat(details).contains("0.2500").contains("0.0725").contains("minute");
    }

    @Test
    void invalidBillingSettingsAreRefused() {
        assertField(fixture.setRate(admin, "100.5", "second"), 422, "ratePerMinuteUsd");
        assertField(fixture.setRate(admin, "-1", "second"), 422, "ratePerMinuteUsd");
        assertField(fixture.setRate(admin, "0.12345", "second"), 422, "ratePerMinuteUsd");
        assertField(fixture.setRate(admin, "0.25", "hour"), 422, "increment");
        assertField(fixture.setRate(admin, null, null), 422, "ratePerMinuteUsd");
        assertField(fixture.setRate(admin, "a quarter", "second"), 400, "ratePerMinuteUsd");
        assertThat(Api.json(api.perform(get("/api/v1/organization/billing").with(admin.bearer())), 200)
                .get("ratePerMinuteUsd").decimalValue()).isEqualByComparingTo("0.25");
    }

    @Test
    void viewersAndManagersReadUsageButCannotChangeTheRate() {
        for (String role : List.of("viewer", "manager")) {
            Api.Account member = fixture.member(admin, role);
            Api.json(api.perform(get("/api/v1/usage").with(member.bearer())), 200);
            Api.json(api.perform(get("/api/v1/organization/billing").with(member.bearer())), 200);
            Api.json(fixture.setRate(member, "9", "minute"), 403);
        }
        assertThat(Api.json(api.perform(get("/api/v1/organization/billing").with(admin.bearer())), 200)
                .get("ratePerMinuteUsd").decimalValue()).isEqualByComparingTo("0.25");
    }

    @Test
    void anotherOrganizationNeitherSeesNorChangesThisOnesUsage() {
        UUID call = fixture.endCall(admin.organizationId(), 300, recently);
        Api.Account other = api.signUp("Other Usage Co");
        JsonNode theirs = Api.json(api.perform(get("/api/v1/usage").with(other.bearer())), 200);
        assertThat(theirs.get("totals").get("calls").asLong()).isZero();
        JsonNode history = Api.json(api.perform(get("/api/v1/usage/history").with(other.bearer())), 200);
        assertThat(history.toString()).doesNotContain(call.toString());
        Api.json(fixture.setRate(other, "42", "minute"), 200);
        assertThat(Api.json(api.perform(get("/api/v1/organization/billing").with(admin.bearer())), 200)
                .get("ratePerMinuteUsd").decimalValue()).isEqualByComparingTo("0.25");
    }

    @Test
    void thePageShowsTheMonthTheRateAndTheBilledCalls() throws Exception {
        Cookie adminSession = session(sessions, admin.userId(), admin.organizationId());
        String empty = html(api.perform(page("/settings/billing", adminSession)), 200);
        assertThat(empty).contains("Usage &amp; billing").contains("No billed calls yet").contains("Save rate");

        fixture.endCall(admin.organizationId(), 61, recently);
        String shown = html(api.perform(page("/settings/billing", adminSession)), 200);
        assertThat(shown).contains("1:01").contains("$0.2542").doesNotContain("No billed calls yet");

        String refused = html(api.perform(form("/settings/billing", adminSession, "ratePerMinuteUsd", "abc",
                "increment", "second")), 422);
        assertThat(refused).contains("Must be a number of US dollars");
        api.perform(form("/settings/billing", adminSession, "ratePerMinuteUsd", "0.5", "increment", "minute"));
        assertThat(Api.json(api.perform(get("/api/v1/organization/billing").with(admin.bearer())), 200)
                .get("increment").asString()).isEqualTo("minute");

        Api.Account viewer = fixture.member(admin, "viewer");
        Cookie viewerSession = session(sessions, viewer.userId(), admin.organizationId());
        String readOnly = html(api.perform(page("/settings/billing", viewerSession)), 200);
        assertThat(readOnly).contains("Only admins can change the rate.").doesNotContain("Save rate");
        html(api.perform(form("/settings/billing", viewerSession, "ratePerMinuteUsd", "9", "increment", "second")), 403);
    }

    private static void assertField(MvcResult result, int status, String field) {
        JsonNode problem = Api.json(result, status);
        assertThat(problem.get("errors").toString()).contains("\"" + field + "\"");
    }

    private static String html(MvcResult result, int status) throws Exception {
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
        return body;
    }
}
