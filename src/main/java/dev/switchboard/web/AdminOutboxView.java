package dev.switchboard.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The platform admin's view of the event outbox ({@code admin/outbox?status=failed&message=ID}):
 * a list of messages and, beside it, the one selected. Retrying a failed message posts to
 * {@code POST /admin/outbox/{id}/retry}.
 *
 * @param status     the status filtered by, or null for all
 * @param messages   the messages of this page
 * @param pagination links to the neighbouring pages
 * @param selected   the message opened, or null
 */
public record AdminOutboxView(Status status, List<Message> messages, Pagination pagination, Detail selected) {

    /** Where a message is in its delivery. */
    public enum Status {
        PENDING, PUBLISHED, FAILED;

        /** The value of the {@code status} query parameter. */
        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One message in the list.
     *
     * @param id          its id
     * @param eventType   the event it carries ("CallEnded")
     * @param aggregateId what it is about ("call 01HV…"), or null
     * @param status      where it is in its delivery
     * @param attempts    delivery attempts so far
     * @param createdAt   when it was written
     * @param publishedAt when it was delivered, or null
     */
    public record Message(
            String id,
            String eventType,
            String aggregateId,
            Status status,
            int attempts,
            Instant createdAt,
            Instant publishedAt) {
    }

    /**
     * The opened message.
     *
     * @param message   its summary
     * @param payload   its body, pretty-printed JSON
     * @param headers   its headers (name → value)
     * @param lastError the last delivery failure, or null
     */
    public record Detail(Message message, String payload, Map<String, String> headers, String lastError) {

        public Detail {
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }

    public AdminOutboxView {
        messages = messages == null ? List.of() : List.copyOf(messages);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }

    /** Whether {@code m} is the message opened. */
    public boolean isSelected(Message m) {
        return selected != null && selected.message().id().equals(m.id());
    }
}
