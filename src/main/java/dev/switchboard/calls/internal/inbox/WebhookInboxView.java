package dev.switchboard.calls.internal.inbox;

import dev.switchboard.web.Pagination;
import java.time.Instant;
import java.util.List;

/**
 * The webhook inbox page ({@code admin/webhook-inbox}): tabs of stuck events, one page of them,
 * and the event opened with {@code ?event=}, if any. Replays post to
 * {@code /admin/webhook-inbox/{id}/replay} and {@code /admin/webhook-inbox/replay?tab=}.
 *
 * @param tab        the tab shown ({@code parked}, {@code failed} or {@code all})
 * @param tabs       every tab with its count
 * @param events     the events of the page shown
 * @param pagination the links around that page
 * @param selected   the event opened, with its raw body, or null
 */
public record WebhookInboxView(String tab, List<Tab> tabs, List<Event> events, Pagination pagination, Selected selected) {

    /** One tab: its parameter, label and how many events it holds. */
    public record Tab(String param, String label, long count) {
    }

    /** One stuck event. */
    public record Event(String id, String provider, String eventType, String providerCallId, String status, int attempts,
                        String lastError, Instant receivedAt, String organizationId) {
    }

    /** The event opened, with the body the provider sent. */
    public record Selected(Event event, int deliveries, String rawBody) {
    }

    public WebhookInboxView {
        tabs = List.copyOf(tabs);
        events = List.copyOf(events);
    }

    /** The number of events of the tab shown. */
    public long shownCount() {
        return tabs.stream().filter(t -> t.param().equals(tab)).mapToLong(Tab::count).sum();
    }
}
