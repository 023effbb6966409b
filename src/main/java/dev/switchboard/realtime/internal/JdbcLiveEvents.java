package dev.switchboard.realtime.internal;

import dev.switchboard.platform.BeforeCommit;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.realtime.LiveEvents;
import dev.switchboard.realtime.LiveNotices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes by storing the event in the caller's transaction, with a PostgreSQL notification
 * that every node receives when (and only if) that transaction commits. Without a transaction
 * the event gets one of its own, committed at once.
 */
@Component
class JdbcLiveEvents implements LiveEvents, LiveNotices {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_TYPE_LENGTH = 64;
    /** Events are small notes that something changed (ids, statuses, counters); clients fetch the rest. */
    private static final int MAX_DATA_BYTES = 4_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The key of a transaction's events still to store. */
    private static final Object PENDING = new Object();

    private final LiveEventStore store;
    private final TransactionTemplate tx;

    JdbcLiveEvents(LiveEventStore store, PlatformTransactionManager transactions) {
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void publish(UUID organizationId, Channel channel, String type, Object data) {
        Objects.requireNonNull(channel, "channel");
        append(organizationId, StreamChannel.of(channel), type, data, null);
    }

    @Override
    public void toUser(UUID organizationId, UUID userId, String type, Object data) {
        Objects.requireNonNull(userId, "userId");
        append(organizationId, StreamChannel.USER, type, data, userId);
    }

    @Override
    public void toPlatformAdmins(String type, Object data) {
        String json = json(type, data);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            store.appendPlatformNotice(type, json);
        } else {
            tx.executeWithoutResult(s -> store.appendPlatformNotice(type, json));
        }
    }

    /**
     * In a transaction, the event joins the ones it published so far, all stored in one
     * statement just before the commit (a batch of webhooks publishes hundreds).
     */
    private void append(UUID organizationId, StreamChannel channel, String type, Object data, UUID userId) {
        Objects.requireNonNull(organizationId, "organizationId");
        LiveEventStore.Appended event = new LiveEventStore.Appended(organizationId, channel, type, json(type, data), userId);
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            TenantScope.runAs(organizationId, () -> tx.executeWithoutResult(s -> store.appendAll(List.of(event))));
            return;
        }
        Optional<UUID> scope = TenantScope.currentOrganization();
        if (scope.isPresent() && !scope.get().equals(organizationId)) {
            throw new IllegalArgumentException("A live event of organization " + organizationId
                    + " cannot be published in a transaction of organization " + scope.get());
        }
        List<LiveEventStore.Appended> pending = BeforeCommit.buffer(PENDING, ArrayList::new, store::appendAll);
        if (pending == null) {
            store.appendAll(List.of(event));
        } else {
            pending.add(event);
        }
    }

    private static String json(String type, Object data) {
        if (type == null || type.length() > MAX_TYPE_LENGTH || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("A live event type is kebab-case letters and digits of at most "
                    + MAX_TYPE_LENGTH + " characters, such as 'call-changed', but was '" + type + "'");
        }
        String json = JSON.writeValueAsString(data == null ? Map.of() : data);
        if (json.length() > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("The data of live event '" + type + "' takes " + json.length()
                    + " characters; keep it under " + MAX_DATA_BYTES + " (send ids, and let clients fetch the rest)");
        }
        return json;
    }
}
