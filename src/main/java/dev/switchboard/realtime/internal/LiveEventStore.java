package dev.switchboard.realtime.internal;

import dev.switchboard.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored events: appended inside the publisher's transaction together with a PostgreSQL
 * notification (sent on commit only), read back by id when a node is notified, and by position
 * when a client replays. Organization events are read inside that organization's scope.
 */
@Component
class LiveEventStore {

    /** The notification channel; the payload is {@code <organization id>:<event id>} or {@code platform:<event id>}. */
    static final String NOTIFY_CHANNEL = "live_events";
    static final String PLATFORM_KEY = "platform";

    private static final String COLUMNS = "id, organization_id, channel, type, data::text as data, user_id, created_at";
    private static final String PLATFORM_COLUMNS = "id, null::uuid as organization_id, 'platform' as channel, type, "
            + "data::text as data, null::uuid as user_id, created_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate tx;

    LiveEventStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** An organization event waiting for its transaction's commit. */
    record Appended(UUID organizationId, StreamChannel channel, String type, String json, UUID userId) {
    }

    /**
     * Stores organization events in the current transaction, in the given order (their ids
     * follow it), in one statement, and notifies every node of each on commit.
     */
    void appendAll(List<Appended> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        with e as (insert into live_events (organization_id, channel, type, data, user_id)
                                   select o, c, t, cast(d as jsonb), u
                                   from unnest(cast(:orgs as uuid[]), cast(:channels as text[]), cast(:types as text[]),
                                               cast(:data as text[]), cast(:users as uuid[])) with ordinality as x(o, c, t, d, u, n)
                                   order by n
                                   returning id, organization_id)
                        select count(pg_notify(:notify, cast(organization_id as text) || ':' || id)) from e""")
                .param("orgs", events.stream().map(Appended::organizationId).toArray(UUID[]::new))
                .param("channels", events.stream().map(e -> e.channel().wireName()).toArray(String[]::new))
                .param("types", events.stream().map(Appended::type).toArray(String[]::new))
                .param("data", events.stream().map(Appended::json).toArray(String[]::new))
                .param("users", events.stream().map(Appended::userId).toArray(UUID[]::new))
                .param("notify", NOTIFY_CHANNEL)
                .query(Long.class).single();
    }

    /** Stores a platform notice in the current transaction and notifies every node of it on commit. */
    long appendPlatformNotice(String type, String json) {
        return jdbc.sql("""
                        with e as (insert into live_platform_notices (type, data) values (:type, cast(:data as jsonb)) returning id)
                        select id, pg_notify(:notify, :key || ':' || id) from e""")
                .param("type", type).param("data", json).param("notify", NOTIFY_CHANNEL).param("key", PLATFORM_KEY)
                .query((rs, n) -> rs.getLong("id")).single();
    }

    /** The organization's events with these ids, in id order. */
    List<LiveEvent> load(UUID organizationId, Collection<Long> ids) {
        return inScope(organizationId, () -> jdbc.sql("select " + COLUMNS
                        + " from live_events where organization_id = :org and id in (:ids) order by id")
                .param("org", organizationId).param("ids", ids).query(LiveEventStore::event).list());
    }

    /** The platform notices with these ids, in id order. */
    List<LiveEvent> loadPlatformNotices(Collection<Long> ids) {
        return readOnly.execute(s -> jdbc.sql("select " + PLATFORM_COLUMNS
                + " from live_platform_notices where id in (:ids) order by id").param("ids", ids)
                .query(LiveEventStore::event).list());
    }

    /**
     * What a stream missed after {@code afterId}: at most {@code limit + 1} events in id order
     * (one more than the limit says that there are more).
     */
    List<LiveEvent> after(StreamSubscription subscription, long afterId, int limit) {
        List<LiveEvent> events = new ArrayList<>();
        Set<String> channels = subscription.organizationChannelNames();
        if (!channels.isEmpty()) {
            UUID org = subscription.organizationId();
            events.addAll(inScope(org, () -> jdbc.sql("select " + COLUMNS + """
                             from live_events
                            where organization_id = :org and id > :after and channel in (:channels)
                              and (channel <> 'user' or user_id = :user)
                            order by id limit :limit""")
                    .param("org", org).param("after", afterId).param("channels", channels)
                    .param("user", subscription.userId()).param("limit", limit + 1)
                    .query(LiveEventStore::event).list()));
        }
        if (subscription.platform()) {
            events.addAll(readOnly.execute(s -> jdbc.sql("select " + PLATFORM_COLUMNS
                            + " from live_platform_notices where id > :after order by id limit :limit")
                    .param("after", afterId).param("limit", limit + 1).query(LiveEventStore::event).list()));
        }
        events.sort(Comparator.comparingLong(LiveEvent::id));
        return events.size() > limit + 1 ? List.copyOf(events.subList(0, limit + 1)) : events;
    }

    /** The newest event id any stream of this subscription could have seen. */
    long latestId(StreamSubscription subscription) {
        long latest = 0;
        if (subscription.organizationId() != null) {
            UUID org = subscription.organizationId();
            Long id = inScope(org, () -> jdbc.sql("select max(id) from live_events where organization_id = ?")
                    .param(org).query(Long.class).optional().orElse(null));
            latest = id == null ? 0 : id;
        }
        if (subscription.platform()) {
            Long id = readOnly.execute(s -> jdbc.sql("select max(id) from live_platform_notices")
                    .query(Long.class).optional().orElse(null));
            latest = Math.max(latest, id == null ? 0 : id);
        }
        return latest;
    }

    /** Organizations that have events created before {@code cutoff}. */
    List<UUID> organizationsWithEventsBefore(Instant cutoff) {
        return jdbc.sql("select live_event_organizations(?)").param(Timestamp.from(cutoff)).query(UUID.class).list();
    }

    /** Deletes the organization's events created before {@code cutoff}; returns how many. */
    int deleteBefore(UUID organizationId, Instant cutoff) {
        return TenantScope.callAs(organizationId, () -> tx.execute(s -> jdbc.sql(
                        "delete from live_events where organization_id = ? and created_at < ?")
                .params(organizationId, Timestamp.from(cutoff)).update()));
    }

    /** Deletes the platform notices created before {@code cutoff}; returns how many. */
    int deletePlatformNoticesBefore(Instant cutoff) {
        return jdbc.sql("delete from live_platform_notices where created_at < ?").param(Timestamp.from(cutoff)).update();
    }

    private <T> T inScope(UUID organizationId, java.util.function.Supplier<T> read) {
        return TenantScope.callAs(organizationId, () -> readOnly.execute(s -> read.get()));
    }

    private static LiveEvent event(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        return LiveEvent.of(rs.getLong("id"), rs.getObject("organization_id", UUID.class),
                StreamChannel.fromWireName(channel).orElseThrow(() -> new IllegalStateException("Unknown channel " + channel)),
                rs.getString("type"), rs.getObject("user_id", UUID.class), rs.getString("data"),
                rs.getTimestamp("created_at").toInstant());
    }
}
