package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.campaigns.internal.compliance.CallingRules;
import dev.switchboard.campaigns.internal.compliance.CalleeTimeZones;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign_attempts rows: one per attempt to reach a contact. Every method runs inside the
 * caller's transaction; the ones that change states are guarded by the state they expect, so a
 * second caller (another node, a repeated job) changes nothing.
 */
@Component
class Attempts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An attempt handed out for dialling. */
    record Claimed(UUID id, UUID contactId, int attempt, String phoneNumber, String contactName, String crmId,
                   Map<String, String> variables) {
    }

    /** An attempt that has just ended. */
    record Ended(UUID id, UUID contactId, int attempt, String phoneNumber) {
    }

    private final JdbcClient jdbc;

    Attempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the first attempt of every contact of the list, each with its callee's time zone. */
    int materialize(DialerCampaign campaign, String organizationZone, Instant now) {
        int inserted = jdbc.sql("""
                        insert into campaign_attempts (id, organization_id, campaign_id, contact_id, attempt, row_number,
                                                       phone_number, contact_name, crm_id, variables, time_zone, state,
                                                       not_before, created_at)
                        select gen_random_uuid(), c.organization_id, ?, c.id, 1, c.row_number, c.phone_number, c.name,
                               c.crm_id, c.variables, ?, 'pending', ?, ?
                        from contacts c where c.organization_id = ? and c.contact_list_id = ?
                        on conflict do nothing""")
                .params(campaign.id(), organizationZone, ts(now), ts(now), campaign.organizationId(), campaign.contactListId())
                .update();
        List<String> numbers = jdbc.sql("select distinct phone_number from campaign_attempts where organization_id = ? and campaign_id = ?")
                .params(campaign.organizationId(), campaign.id()).query(String.class).list();
        Map<String, List<String>> byZone = new HashMap<>();
        for (String number : numbers) {
            String zone = CalleeTimeZones.of(number, organizationZone);
            if (!zone.equals(organizationZone)) {
                byZone.computeIfAbsent(zone, z -> new java.util.ArrayList<>()).add(number);
            }
        }
        byZone.forEach((zone, list) -> jdbc.sql("""
                        update campaign_attempts set time_zone = ?
                        where organization_id = ? and campaign_id = ? and phone_number = any (?)""")
                .params(zone, campaign.organizationId(), campaign.id(), list.toArray(String[]::new)).update());
        return inserted;
    }

    /** Skips pending attempts whose number is on the do-not-call list (now or when imported); returns how many. */
    int skipDoNotCall(DialerCampaign campaign, Instant now) {
        return jdbc.sql("""
                        update campaign_attempts a set state = 'skipped', outcome = 'do_not_call', ended_at = ?
                        where a.organization_id = ? and a.campaign_id = ? and a.state = 'pending'
                          and %s""".formatted(ON_DO_NOT_CALL))
                .params(ts(now), campaign.organizationId(), campaign.id()).update();
    }

    /**
     * Skips the do-not-call contacts among the next {@code window} attempts due (in the order
     * they are handed out): a pacer run checks what it is about to dial, not the whole list.
     * {@link #claim} never hands out a do-not-call contact, whatever the window.
     */
    int skipDoNotCallDue(DialerCampaign campaign, CallingRules rules, Instant now, int window) {
        return jdbc.sql("""
                        update campaign_attempts a set state = 'skipped', outcome = 'do_not_call', ended_at = ?
                        where a.organization_id = ? and a.id in (
                            select a.id from campaign_attempts a where %s
                            order by a.not_before, a.attempt, a.row_number limit ?)
                          and a.state = 'pending' and %s""".formatted(DUE, ON_DO_NOT_CALL))
                .params(ts(now), campaign.organizationId(), campaign.organizationId(), campaign.id(), ts(now),
                        !rules.callingHours(), ts(now), ts(now), rules.windowStartMinute(), rules.windowEndMinute(), window)
                .update();
    }

    int inFlight(DialerCampaign campaign) {
        return jdbc.sql("""
                        select count(*) from campaign_attempts
                        where organization_id = ? and campaign_id = ? and state in ('dialing', 'in_call')""")
                .params(campaign.organizationId(), campaign.id()).query(Integer.class).single();
    }

    /**
     * 1 when a pending attempt could be dialled now (due and, with calling hours, inside the
     * callee's window), else 0; it stops at the first, as the pacer only asks whether there is one.
     */
    int claimable(DialerCampaign campaign, CallingRules rules, Instant now) {
        return jdbc.sql("select count(*) from (select 1 from campaign_attempts a where " + DUE + " limit 1) due")
                .params(campaign.organizationId(), campaign.id(), ts(now), !rules.callingHours(), ts(now), ts(now),
                        rules.windowStartMinute(), rules.windowEndMinute())
                .query(Integer.class).single();
    }

    /** Pending attempts not dialled now: due later, or waiting for the callee's calling hours. */
    int waiting(DialerCampaign campaign) {
        return jdbc.sql("select count(*) from campaign_attempts where organization_id = ? and campaign_id = ? and state = 'pending'")
                .params(campaign.organizationId(), campaign.id()).query(Integer.class).single();
    }

    /** When the earliest pending attempt becomes due, if any. */
    Instant nextDue(DialerCampaign campaign) {
        Timestamp next = jdbc.sql("""
                        select min(not_before) from campaign_attempts
                        where organization_id = ? and campaign_id = ? and state = 'pending'""")
                .params(campaign.organizationId(), campaign.id()).query(Timestamp.class).optional().orElse(null);
        return next == null ? null : next.toInstant();
    }

    /**
     * Hands out up to {@code limit} due attempts, marking them dialling before any call is placed;
     * rows another transaction holds are skipped, never handed out twice. The pick is a CTE: it
     * runs once, where an {@code in (subquery limit n)} may be run again per row and hand out more.
     */
    List<Claimed> claim(DialerCampaign campaign, CallingRules rules, Instant now, int limit) {
        return jdbc.sql("""
                        with picked as (
                            select a.id from campaign_attempts a where %s and (not ?::boolean or not %s)
                            order by a.not_before, a.attempt, a.row_number
                            limit ? for update skip locked)
                        update campaign_attempts t set state = 'dialing', claimed_at = ?
                        from picked where t.organization_id = ? and t.id = picked.id
                        returning t.id, t.contact_id, t.attempt, t.phone_number, t.contact_name, t.crm_id,
                                  t.variables::text as variables"""
                        .formatted(DUE, ON_DO_NOT_CALL))
                .params(campaign.organizationId(), campaign.id(), ts(now), !rules.callingHours(), ts(now), ts(now),
                        rules.windowStartMinute(), rules.windowEndMinute(), rules.honorDoNotCall(), limit, ts(now),
                        campaign.organizationId())
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                        rs.getInt("attempt"), rs.getString("phone_number"), rs.getString("contact_name"),
                        rs.getString("crm_id"), variables(rs.getString("variables"))))
                .list();
    }

    /** The attempt's number is on the organization's do-not-call list, or its contact is marked so. */
    private static final String ON_DO_NOT_CALL = """
            (exists (select 1 from do_not_call d where d.organization_id = a.organization_id and d.phone_number = a.phone_number)
             or exists (select 1 from contacts c where c.organization_id = a.organization_id and c.id = a.contact_id
                                                   and c.do_not_call))""";

    private static final String DUE = """
            a.organization_id = ? and a.campaign_id = ? and a.state = 'pending' and a.not_before <= ?
            and (?::boolean or (extract(hour from (?::timestamptz at time zone a.time_zone)) * 60
                                + extract(minute from (?::timestamptz at time zone a.time_zone))) between ? and ? - 1)""";

    /**
     * Hands out up to {@code limit} pending attempts of callees in {@code timeZone} to the batch
     * {@code batchId}, marking them dialling; calling hours are the batch's time window, so the
     * due time alone decides.
     */
    List<Claimed> claimForBatch(DialerCampaign campaign, String timeZone, UUID batchId, Instant now, int limit) {
        return jdbc.sql("""
                        with picked as (
                            select a.id from campaign_attempts a
                            where a.organization_id = ? and a.campaign_id = ? and a.state = 'pending' and a.time_zone = ?
                            order by a.attempt, a.row_number
                            limit ? for update skip locked)
                        update campaign_attempts t set state = 'dialing', claimed_at = ?, batch_id = ?
                        from picked where t.organization_id = ? and t.id = picked.id
                        returning t.id, t.contact_id, t.attempt, t.phone_number, t.contact_name, t.crm_id,
                                  t.variables::text as variables""")
                .params(campaign.organizationId(), campaign.id(), timeZone, limit, ts(now), batchId,
                        campaign.organizationId())
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                        rs.getInt("attempt"), rs.getString("phone_number"), rs.getString("contact_name"),
                        rs.getString("crm_id"), variables(rs.getString("variables"))))
                .list();
    }

    /** The callee time zone of the next pending attempt, or null when none is pending. */
    String nextPendingZone(DialerCampaign campaign) {
        return jdbc.sql("""
                        select time_zone from campaign_attempts where organization_id = ? and campaign_id = ? and state = 'pending'
                        order by attempt, row_number limit 1""")
                .params(campaign.organizationId(), campaign.id()).query(String.class).optional().orElse(null);
    }

    /** Records the call made for a claimed attempt, without changing its state. */
    void recorded(UUID organization, UUID attemptId, UUID callId) {
        jdbc.sql("update campaign_attempts set call_id = ? where organization_id = ? and id = ? and call_id is null")
                .params(callId, organization, attemptId).update();
    }

    /** The calls of the attempts of a batch. */
    List<UUID> callsOfBatch(UUID organization, UUID batchId) {
        return jdbc.sql("select call_id from campaign_attempts where organization_id = ? and batch_id = ? and call_id is not null")
                .params(organization, batchId).query(UUID.class).list();
    }

    /** The provider has the batch: its attempts are in flight. */
    void batchAccepted(UUID organization, UUID batchId) {
        jdbc.sql("update campaign_attempts set state = 'in_call' where organization_id = ? and batch_id = ? and state = 'dialing'")
                .params(organization, batchId).update();
    }

    /** Ends every attempt of a batch still dialling with {@code outcome}; returns how many. */
    int endBatch(DialerCampaign campaign, UUID batchId, String outcome, Instant now) {
        return jdbc.sql("""
                        update campaign_attempts set state = 'done', outcome = ?, ended_at = ?
                        where organization_id = ? and campaign_id = ? and batch_id = ? and state in ('dialing', 'in_call')""")
                .params(outcome, ts(now), campaign.organizationId(), campaign.id(), batchId).update();
    }

    /** The call of a claimed attempt is at the provider. */
    void placed(UUID organization, UUID attemptId, UUID callId) {
        jdbc.sql("""
                        update campaign_attempts set call_id = coalesce(call_id, ?),
                               state = case when state = 'dialing' then 'in_call' else state end
                        where organization_id = ? and id = ?""")
                .params(callId, organization, attemptId).update();
    }

    /** Gives a claimed attempt back, as if never handed out (its call never reached the provider). */
    void release(UUID organization, UUID attemptId, Instant notBefore) {
        jdbc.sql("""
                        update campaign_attempts set state = 'pending', claimed_at = null, call_id = null, not_before = ?
                        where organization_id = ? and id = ? and state = 'dialing'""")
                .params(ts(notBefore), organization, attemptId).update();
    }

    /**
     * Ends the active attempt of a contact with {@code outcome}, once. The call must be the
     * attempt's own: recorded on it, or made after it was handed out.
     */
    Ended end(DialerCampaign campaign, UUID contactId, UUID callId, Instant callCreatedAt, String outcome, Instant now) {
        return jdbc.sql("""
                        update campaign_attempts set state = 'done', outcome = ?, call_id = coalesce(call_id, ?), ended_at = ?
                        where organization_id = ? and campaign_id = ? and contact_id = ? and state in ('dialing', 'in_call')
                          and (call_id = ? or (call_id is null and claimed_at <= ?))
                        returning id, contact_id, attempt, phone_number""")
                .params(outcome, callId, ts(now), campaign.organizationId(), campaign.id(), contactId, callId,
                        ts(callCreatedAt))
                .query(Ended.class).optional().orElse(null);
    }

    /** Ends a claimed attempt whose call could not be placed or confirmed. */
    Ended endUnplaced(DialerCampaign campaign, UUID attemptId, String outcome, Instant now) {
        return jdbc.sql("""
                        update campaign_attempts set state = 'done', outcome = ?, ended_at = ?
                        where organization_id = ? and campaign_id = ? and id = ? and state in ('dialing', 'in_call')
                        returning id, contact_id, attempt, phone_number""")
                .params(outcome, ts(now), campaign.organizationId(), campaign.id(), attemptId)
                .query(Ended.class).optional().orElse(null);
    }

    /** Writes the next attempt of a contact, due at {@code notBefore}; a repeat writes nothing. */
    boolean retry(DialerCampaign campaign, Ended ended, Instant notBefore, Instant now) {
        jdbc.sql("update campaign_attempts set retried = true where organization_id = ? and id = ?")
                .params(campaign.organizationId(), ended.id()).update();
        return jdbc.sql("""
                        insert into campaign_attempts (id, organization_id, campaign_id, contact_id, attempt, row_number,
                                                       phone_number, contact_name, crm_id, variables, time_zone, state,
                                                       not_before, created_at)
                        select gen_random_uuid(), organization_id, campaign_id, contact_id, attempt + 1, row_number,
                               phone_number, contact_name, crm_id, variables, time_zone, 'pending', ?, ?
                        from campaign_attempts where organization_id = ? and id = ?
                        on conflict do nothing""")
                .params(ts(notBefore), ts(now), campaign.organizationId(), ended.id()).update() == 1;
    }

    /** Cancels every attempt not yet handed out; returns how many contacts that leaves unprocessed. */
    int cancelPending(DialerCampaign campaign, Instant now) {
        return jdbc.sql("""
                        update campaign_attempts set state = 'cancelled', ended_at = ?
                        where organization_id = ? and campaign_id = ? and state = 'pending'""")
                .params(ts(now), campaign.organizationId(), campaign.id()).update();
    }

    private static Map<String, String> variables(String json) {
        Map<String, String> out = new HashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asString("")));
        return out;
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
