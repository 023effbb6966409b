package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The notification settings page ({@code settings/notifications}); admins post {@code recipients}
 * (one address per line) and the checked {@code events} to {@code POST /settings/notifications}.
 *
 * @param recipients          the chosen addresses, one per line (empty: the admins)
 * @param effectiveRecipients who receives notifications now
 * @param events              each event with whether it sends e-mail
 * @param deliveries          the most recent notifications sent
 * @param canEdit             whether the viewer may change the settings
 */
public record NotificationsView(String recipients, List<String> effectiveRecipients, boolean usingAdmins,
                                List<Event> events, List<Delivery> deliveries, boolean canEdit, FormErrors errors) {

    public record Event(String key, String label, String description, boolean enabled) {
    }

    /** @param status queued, sent, captured or failed */
    public record Delivery(String event, String subject, String recipient, String status, String lastError, Instant at) {
    }
}
