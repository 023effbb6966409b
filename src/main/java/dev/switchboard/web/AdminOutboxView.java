package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The platform admin's view of the mail outbox ({@code admin/outbox?page=2&message=ID}): every
 * e-mail Switchboard sent, is sending or captured (when no SMTP server is configured), newest
 * first, and beside the list the one selected. A mail whose every attempt failed is retried
 * or cancelled from its parked delivery job on the jobs page.
 *
 * @param messages   the mails of this page
 * @param page       the page shown, from 1
 * @param pagination links to the neighbouring pages
 * @param selected   the mail opened, or null
 */
public record AdminOutboxView(List<Message> messages, int page, Pagination pagination, Detail selected) {

    /** Where a mail is in its delivery. */
    public enum Status {
        /** Waiting for (another) delivery attempt. */
        QUEUED("Queued"),
        /** Accepted by the SMTP server. */
        SENT("Sent"),
        /** Kept here because no SMTP server is configured (development). */
        CAPTURED("Captured"),
        /** Every attempt failed; its delivery job is parked. */
        FAILED("Failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One mail in the list.
     *
     * @param id        its id
     * @param to        the recipient
     * @param subject   the subject
     * @param template  the template it was written from ("invitation")
     * @param status    where it is in its delivery
     * @param attempts  delivery attempts so far
     * @param createdAt when it was queued
     * @param sentAt    when the SMTP server accepted it, or null
     */
    public record Message(
            String id,
            String to,
            String subject,
            String template,
            Status status,
            int attempts,
            Instant createdAt,
            Instant sentAt) {
    }

    /**
     * The opened mail.
     *
     * @param message   its summary
     * @param replyTo   its reply-to address, or null
     * @param bodyText  its plain-text body
     * @param bodyHtml  its HTML body, shown as source
     * @param lastError why the last delivery attempt failed, or null
     */
    public record Detail(Message message, String replyTo, String bodyText, String bodyHtml, String lastError) {
    }

    public AdminOutboxView {
        messages = messages == null ? List.of() : List.copyOf(messages);
        page = Math.max(1, page);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }

    /** Whether {@code m} is the mail opened. */
    public boolean isSelected(Message m) {
        return selected != null && selected.message().id().equals(m.id());
    }

    /** The address that opens {@code m}, staying on this page of the list. */
    public String href(Message m) {
        return (page == 1 ? "/admin/outbox?message=" : "/admin/outbox?page=" + page + "&message=") + m.id();
    }
}
