package dev.switchboard.calls.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing calls as they end: the rate and increment of the organization, once per call however
 * often its end is reported, and month-to-date counters that follow the organization's local month.
 */
@SwitchboardTest
class UsageBillingTest {

    private static final Instant MID_NOVEMBER = Instant.parse("2026-11-15T12:00:00Z");

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired ResetMonthToDateJob reset;
    UsageFixture fixture;
    Api.Account admin;

    @BeforeEach
    void setUp() {
        Api api = new Api(mvc);
        fixture = new UsageFixture(api, database, tx, events);
        admin = api.signUp("Billing Clinic");
    }

    @Test
    void aCallIsBilledPerStartedSecondAtTheDefaultRate() {
        UUID call = fixture.endCall(admin.organizationId(), 61, MID_NOVEMBER);
        Map<String, Object> bill = fixture.bill(call);
        assertThat(bill).containsEntry("billable_seconds", 61).containsEntry("billing_increment", "second");
        assertThat((BigDecimal) bill.get("rate_per_minute")).isEqualByComparingTo("0.25");
        assertThat((BigDecimal) bill.get("cost_usd")).isEqualByComparingTo("0.254167");
        assertThat((BigDecimal) bill.get("provider_cost_cents")).as("the provider's own cost, kept apart")
                .isEqualByComparingTo("12.5");
        Map<String, Object> counters = fixture.counters(admin.organizationId());
        assertThat(counters).containsEntry("calls_total", 1L).containsEntry("billable_seconds_total", 61L)
                .containsEntry("calls_mtd", 1L);
        assertThat((BigDecimal) counters.get("usage_minutes_total")).isEqualByComparingTo("1.02");
    }

    @Test
    void aCallIsBilledPerStartedMinuteAtTheOrganizationsRate() {
        Api.json(fixture.setRate(admin, new BigDecimal("0.3000"), "minute"), 200);
        UUID call = fixture.endCall(admin.organizationId(), 61, MID_NOVEMBER);
        Map<String, Object> bill = fixture.bill(call);
        assertThat(bill).containsEntry("billable_seconds", 120).containsEntry("billing_increment", "minute");
        assertThat((BigDecimal) bill.get("cost_usd")).isEqualByComparingTo("0.60");
    }

    @Test
    void callsThatNeverConnectedCostNothing() {
        UUID silent = fixture.endCall(admin.organizationId(), 0, MID_NOVEMBER);
        UUID unanswered = fixture.endCall(admin.organizationId(), null, MID_NOVEMBER);
        assertThat(fixture.bills(silent)).isZero();
        assertThat(fixture.bills(unanswered)).isZero();
        assertThat(database.owner().sql("select count(*) from usage_counters where organization_id = ?")
                .param(admin.organizationId()).query(Long.class).single()).isZero();
    }

    @Test
    void aCallWhoseEndIsReportedAgainIsBilledOnce() {
        UUID call = fixture.call(admin.organizationId(), 95, MID_NOVEMBER);
        fixture.reportEnd(admin.organizationId(), call);
        fixture.reportEnd(admin.organizationId(), call);
        fixture.publish(new CallChanged(admin.organizationId(), call, null, "outbound", "completed", "completed", "answered",
                "call_analyzed"));
        assertThat(fixture.bills(call)).isEqualTo(1);
        assertThat(fixture.counters(admin.organizationId())).containsEntry("calls_total", 1L)
                .containsEntry("billable_seconds_total", 95L);
    }

    @Test
    void callsEndedInOneTransactionAreBilledTogetherEachOnce() {
        UUID billedBefore = fixture.endCall(admin.organizationId(), 30, MID_NOVEMBER);
        UUID first = fixture.call(admin.organizationId(), 61, MID_NOVEMBER);
        UUID second = fixture.call(admin.organizationId(), 120, MID_NOVEMBER);
        UUID silent = fixture.call(admin.organizationId(), 0, MID_NOVEMBER);
        TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s -> {
            for (UUID call : new UUID[] {first, billedBefore, second, silent, first}) {
                events.publishEvent(new CallChanged(admin.organizationId(), call, null, "outbound", "analyzing", "completed",
                        "answered", "call_analyzed"));
            }
        }));
        assertThat(fixture.bills(first)).isEqualTo(1);
        assertThat(fixture.bills(second)).isEqualTo(1);
        assertThat(fixture.bills(billedBefore)).isEqualTo(1);
        assertThat(fixture.bills(silent)).isZero();
        assertThat(fixture.bill(second)).containsEntry("billable_seconds", 120);
        assertThat(fixture.counters(admin.organizationId())).as("the earlier bill counted once, the new ones once each")
                .containsEntry("calls_total", 3L).containsEntry("billable_seconds_total", 211L);
    }

    @Test
    void aBillRollsBackWithTheTransactionThatEndedTheCall() {
        UUID call = fixture.call(admin.organizationId(), 45, MID_NOVEMBER);
        try {
            TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s -> {
                fixture.reportEndInScope(admin.organizationId(), call);
                s.setRollbackOnly();
            }));
        } finally {
            assertThat(fixture.bills(call)).isZero();
        }
    }

    @Test
    void aChangeThatDoesNotEndTheCallBillsNothing() {
        UUID call = fixture.call(admin.organizationId(), 30, MID_NOVEMBER);
        fixture.publish(new CallChanged(admin.organizationId(), call, null, "outbound", "ringing", "in_progress", null,
                "call_started"));
        assertThat(fixture.bills(call)).isZero();
    }

    @Test
    void aCallEndingJustAfterLocalMidnightOnTheFirstStartsTheNewMonth() {
        UUID org = admin.organizationId();
        fixture.timeZone(org, "Pacific/Auckland");
        // 23:30 on November 30 in Auckland (UTC+13), then 00:30 on December 1.
        UUID november = fixture.endCall(org, 60, Instant.parse("2026-11-30T10:30:00Z"));
        UUID december = fixture.endCall(org, 120, Instant.parse("2026-11-30T11:30:00Z"));
        assertThat(fixture.bill(november)).containsEntry("period_start", Date.valueOf("2026-11-01"))
                .containsEntry("usage_date", Date.valueOf("2026-11-30"));
        assertThat(fixture.bill(december)).containsEntry("period_start", Date.valueOf("2026-12-01"))
                .containsEntry("usage_date", Date.valueOf("2026-12-01"));
        assertThat(fixture.counters(org)).containsEntry("period_start", Date.valueOf("2026-12-01"))
                .containsEntry("calls_mtd", 1L).containsEntry("billable_seconds_mtd", 120L)
                .containsEntry("calls_total", 2L).containsEntry("billable_seconds_total", 180L);
    }

    @Test
    void aLateCallOfTheLastMonthCountsInTheTotalsOnly() {
        UUID org = admin.organizationId();
        fixture.endCall(org, 120, Instant.parse("2026-12-01T09:00:00Z"));
        fixture.endCall(org, 60, Instant.parse("2026-11-30T23:59:00Z"));
        assertThat(fixture.counters(org)).containsEntry("period_start", Date.valueOf("2026-12-01"))
                .containsEntry("calls_mtd", 1L).containsEntry("billable_seconds_mtd", 120L)
                .containsEntry("calls_total", 2L);
    }

    @Test
    void theMonthlyResetFollowsTheOrganizationsLocalMidnightAndIsHarmlessToRepeat() {
        UUID org = admin.organizationId();
        fixture.timeZone(org, "America/New_York");
        // The organization was created today; this test replays November and December 2026.
        database.owner().sql("update organizations set usage_last_reset_at = ? where id = ?")
                .params(java.sql.Timestamp.from(Instant.parse("2026-11-01T04:00:00Z")), org).update();
        fixture.endCall(org, 600, Instant.parse("2026-11-20T15:00:00Z"));

        reset.resetAt(Instant.parse("2026-12-01T04:59:00Z")); // 23:59 on November 30 in New York
        assertThat(fixture.counters(org)).containsEntry("period_start", Date.valueOf("2026-11-01"))
                .containsEntry("billable_seconds_mtd", 600L);

        reset.resetAt(Instant.parse("2026-12-01T05:01:00Z")); // 00:01 on December 1
        Map<String, Object> afterReset = fixture.counters(org);
        assertThat(afterReset).containsEntry("period_start", Date.valueOf("2026-12-01"))
                .containsEntry("calls_mtd", 0L).containsEntry("billable_seconds_mtd", 0L)
                .containsEntry("calls_total", 1L).containsEntry("billable_seconds_total", 600L);
        assertThat((BigDecimal) afterReset.get("cost_mtd_usd")).isZero();
        assertThat((BigDecimal) afterReset.get("usage_minutes_mtd")).isZero();
        assertThat((BigDecimal) afterReset.get("usage_minutes_total")).isEqualByComparingTo("10");

        // A call of December billed after the reset, then the reset running again (late, or twice).
        fixture.endCall(org, 60, Instant.parse("2026-12-01T06:00:00Z"));
        reset.resetAt(Instant.parse("2026-12-01T05:16:00Z"));
        reset.resetAt(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(fixture.counters(org)).containsEntry("period_start", Date.valueOf("2026-12-01"))
                .containsEntry("calls_mtd", 1L).containsEntry("billable_seconds_mtd", 60L);
        assertThat(database.owner().sql("select usage_last_reset_at from organizations where id = ?").param(org)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
    }

    @Test
    void theRateInForceWhenTheCallEndsIsKeptWithItsBill() {
        UUID org = admin.organizationId();
        UUID before = fixture.endCall(org, 60, MID_NOVEMBER);
        Api.json(fixture.setRate(admin, "1.5", "second"), 200);
        UUID after = fixture.endCall(org, 60, MID_NOVEMBER.plusSeconds(60));
        assertThat((BigDecimal) fixture.bill(before).get("cost_usd")).isEqualByComparingTo("0.25");
        assertThat((BigDecimal) fixture.bill(after).get("cost_usd")).isEqualByComparingTo("1.5");
        assertThat((BigDecimal) fixture.counters(org).get("cost_total_usd")).isEqualByComparingTo("1.75");
    }
}
