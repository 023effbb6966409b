package dev.switchboard.calls.internal.usage;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ended calls for usage tests: a call record as the call ledger leaves it, and the change that
 * ended it published the way the ledger publishes it (inside a transaction of the organization).
 */
final class UsageFixture {

    private final Api api;
    private final JdbcClient owner;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    UsageFixture(Api api, TestDatabase database, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.api = api;
        this.owner = database.owner();
        this.tx = tx;
        this.events = events;
    }

    JdbcClient owner() {
        return owner;
    }

    /** A call of {@code durationSeconds} (may be null) that ended at {@code endedAt}, and its end reported. */
    UUID endCall(UUID organization, Integer durationSeconds, Instant endedAt) {
        UUID call = call(organization, durationSeconds, endedAt);
        reportEnd(organization, call);
        return call;
    }

    UUID call(UUID organization, Integer durationSeconds, Instant endedAt) {
        UUID id = UUID.randomUUID();
        Instant started = durationSeconds == null ? null : endedAt.minusSeconds(durationSeconds);
        owner.sql("""
                insert into calls (id, organization_id, provider, provider_call_id, direction, to_number, status, disposition,
                                   started_at, ended_at, duration_seconds, cost_cents, created_at, updated_at)
                values (?, ?, 'sandbox', ?, 'outbound', '+14155550001', 'completed', ?, ?, ?, ?, 12.5, ?, ?)""")
                .params(id, organization, "call_" + id.toString().replace("-", ""),
                        durationSeconds == null || durationSeconds == 0 ? "no_answer" : "answered",
                        ts(started), ts(endedAt), durationSeconds, ts(endedAt), ts(endedAt))
                .update();
        return id;
    }

    /** Publishes the change that ended the call, as applying its last provider event does. */
    void reportEnd(UUID organization, UUID call) {
        publish(new CallChanged(organization, call, null, "outbound", "analyzing", "completed", "answered", "call_analyzed"));
    }

    /** Reports the end inside the caller's transaction and scope. */
    void reportEndInScope(UUID organization, UUID call) {
        events.publishEvent(new CallChanged(organization, call, null, "outbound", "analyzing", "completed", "answered",
                "call_analyzed"));
    }

    void publish(CallChanged change) {
        TenantScope.runAs(change.organizationId(), () -> tx.executeWithoutResult(s -> events.publishEvent(change)));
    }

    void timeZone(UUID organization, String zone) {
        owner.sql("update organizations set time_zone = ? where id = ?").params(zone, organization).update();
    }

    MvcResult setRate(Api.Account account, Object rate, String increment) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("ratePerMinuteUsd", rate);
        body.put("increment", increment);
        return api.perform(put("/api/v1/organization/billing").with(account.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }

    /** A member of {@code admin}'s organization with {@code role}, signed in to it. */
    Api.Account member(Api.Account admin, String role) {
        Api.Account own = api.signUp("Home of a " + role);
        owner.sql("insert into memberships (organization_id, user_id, role) values (?, ?, ?)")
                .params(admin.organizationId(), own.userId(), role).update();
        return api.signIn(own.email(), own.password(), admin.organizationId());
    }

    Map<String, Object> bill(UUID call) {
        return owner.sql("""
                select billable_seconds, cost_usd, rate_per_minute, billing_increment, period_start, usage_date,
                       provider_cost_cents
                from usage_history where call_id = ?""").param(call).query().singleRow();
    }

    long bills(UUID call) {
        return owner.sql("select count(*) from usage_history where call_id = ?").param(call).query(Long.class).single();
    }

    Map<String, Object> counters(UUID organization) {
        return owner.sql("""
                select c.period_start, c.calls_total, c.billable_seconds_total, c.cost_total_usd, c.calls_mtd,
                       c.billable_seconds_mtd, c.cost_mtd_usd, o.usage_minutes_total, o.usage_minutes_mtd
                from usage_counters c join organizations o on o.id = c.organization_id
                where c.organization_id = ?""").param(organization).query().singleRow();
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
