package dev.switchboard.messaging.internal;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who receives the organization's notification e-mails and for which events. Until an admin
 * chooses recipients, the organization's admins receive them; every change is audited.
 */
@Service
class NotificationPreferences {

    /** The events a recipient list can be chosen for, in the order pages show them. */
    enum Event {
        CAMPAIGN_STARTED("campaign_started", "Campaign started"),
        CAMPAIGN_COMPLETED("campaign_completed", "Campaign completed"),
        CAMPAIGN_FAILED("campaign_failed", "Campaign failed");

        final String key;
        final String label;

        Event(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    static final int MAX_RECIPIENTS = 20;
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+$");

    /** @param recipients the chosen addresses; empty means "the organization's admins" */
    record Preferences(List<String> recipients, Map<Event, Boolean> events, List<String> adminAddresses) {

        boolean enabled(Event event) {
            return events.getOrDefault(event, true);
        }

        List<String> effectiveRecipients() {
            return recipients.isEmpty() ? adminAddresses : recipients;
        }
    }

    /** A change; a null field stays as it is. */
    record Change(List<String> recipients, Boolean campaignStarted, Boolean campaignCompleted, Boolean campaignFailed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    NotificationPreferences(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    Preferences current() {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> load(organization));
    }

    Preferences change(Change change) {
        Actors.requirePermission(Permission.SETTINGS_MANAGE);
        UUID organization = TenantScope.requireOrganization();
        if (change == null || (change.recipients() == null && change.campaignStarted() == null
                && change.campaignCompleted() == null && change.campaignFailed() == null)) {
            throw ApiProblem.validation("Send at least one of the fields recipients, campaignStarted, campaignCompleted "
                    + "and campaignFailed.");
        }
        List<String> recipients = change.recipients() == null ? null : validRecipients(change.recipients());
        return tx.execute(s -> {
            Preferences before = load(organization);
            List<String> newRecipients = recipients == null ? before.recipients() : recipients;
            boolean started = pick(change.campaignStarted(), before.enabled(Event.CAMPAIGN_STARTED));
            boolean completed = pick(change.campaignCompleted(), before.enabled(Event.CAMPAIGN_COMPLETED));
            boolean failed = pick(change.campaignFailed(), before.enabled(Event.CAMPAIGN_FAILED));
            jdbc.sql("""
                            insert into notification_preferences (organization_id, recipients, campaign_started, campaign_completed,
                                                                  campaign_failed, updated_at, updated_by)
                            values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (organization_id) do update set recipients = excluded.recipients,
                                campaign_started = excluded.campaign_started, campaign_completed = excluded.campaign_completed,
                                campaign_failed = excluded.campaign_failed, updated_at = excluded.updated_at,
                                updated_by = excluded.updated_by""")
                    .params(organization, newRecipients.toArray(String[]::new), started, completed, failed,
                            Timestamp.from(clock.instant()), Actors.require().userId())
                    .update();
            Preferences after = load(organization);
            audit.record(AuditEntry.of("notifications.preferences_changed", "organization", organization)
                    .with(changes(before, after)));
            return after;
        });
    }

    /** For sending: the preferences of {@code organization}; call inside its scope and a transaction. */
    Preferences of(UUID organization) {
        return load(organization);
    }

    static List<String> validRecipients(List<String> given) {
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String address = given.get(i) == null ? "" : given.get(i).strip();
            if (address.isEmpty()) {
                continue;
            }
            if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
                throw ApiProblem.validation("recipients[" + i + "]", "'" + abbreviated(address)
                        + "' is not an e-mail address; write one address such as ops@example.com per entry");
            }
            unique.add(address.toLowerCase(Locale.ROOT));
        }
        if (unique.size() > MAX_RECIPIENTS) {
            throw ApiProblem.validation("recipients", "can hold at most " + MAX_RECIPIENTS + " addresses, but "
                    + unique.size() + " were given; use a mailing list address for more people");
        }
        return List.copyOf(unique);
    }

    private Preferences load(UUID organization) {
        record Row(List<String> recipients, boolean campaignStarted, boolean campaignCompleted, boolean campaignFailed) {
        }
        Optional<Row> row = jdbc.sql("""
                        select recipients, campaign_started, campaign_completed, campaign_failed
                        from notification_preferences where organization_id = ?""")
                .param(organization)
                .query((rs, n) -> new Row(strings(rs.getArray("recipients")), rs.getBoolean("campaign_started"),
                        rs.getBoolean("campaign_completed"), rs.getBoolean("campaign_failed")))
                .optional();
        List<String> admins = jdbc.sql("""
                        select u.email from memberships m join users u on u.id = m.user_id
                        where m.organization_id = ? and m.role = 'admin' order by u.email""")
                .param(organization).query(String.class).list();
        Map<Event, Boolean> events = new LinkedHashMap<>();
        events.put(Event.CAMPAIGN_STARTED, row.map(Row::campaignStarted).orElse(true));
        events.put(Event.CAMPAIGN_COMPLETED, row.map(Row::campaignCompleted).orElse(true));
        events.put(Event.CAMPAIGN_FAILED, row.map(Row::campaignFailed).orElse(true));
        return new Preferences(row.map(Row::recipients).orElse(List.of()), events, admins);
    }

    private static Map<String, Object> changes(Preferences before, Preferences after) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!before.recipients().equals(after.recipients())) {
            details.put("recipients", Map.of("from", before.recipients(), "to", after.recipients()));
        }
        for (Event event : Event.values()) {
            if (before.enabled(event) != after.enabled(event)) {
                details.put(event.key, Map.of("from", before.enabled(event), "to", after.enabled(event)));
            }
        }
        return details;
    }

    private static boolean pick(Boolean given, boolean current) {
        return given == null ? current : given;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
