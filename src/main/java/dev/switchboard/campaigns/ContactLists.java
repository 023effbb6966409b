package dev.switchboard.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization's imported contact lists, as the dialer reads them. Call inside the
 * organization's tenant scope ({@code TenantScope}); each method joins the caller's transaction
 * or opens a read-only one of its own. Lists of another organization are never found.
 */
public interface ContactLists {

    /** Where an import stands. Only a {@link #READY} list has its final contacts. */
    enum Status {
        UPLOADED, IMPORTING, READY, FAILED;

        /** The status as stored and as the API writes it: {@code uploaded}, {@code ready}… */
        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A contact list and the outcome of its import.
     *
     * @param totalCount     data rows read (empty rows are skipped and not counted)
     * @param acceptedCount  rows imported as contacts; includes those on the do-not-call list
     * @param rejectedCount  rows refused (each has at least one rejection with its reason)
     * @param duplicateCount rejected rows whose phone number an earlier row of the file already had
     * @param doNotCallCount accepted contacts whose number was on the do-not-call list at import
     * @param columns        the normalized headers of the file in file order
     */
    record Summary(UUID id, String name, String fileName, Status status, long rowsRead, int totalCount,
                   int acceptedCount, int rejectedCount, int duplicateCount, int doNotCallCount,
                   List<String> columns, String error, Instant createdAt, Instant completedAt) {

        public Summary {
            columns = List.copyOf(columns);
        }

        /** The dynamic variable names: every column but {@code phone_number} and {@code crm_id}. */
        public List<String> variableNames() {
            return columns.stream().filter(c -> !c.equals("phone_number") && !c.equals("crm_id")).toList();
        }
    }

    /**
     * An accepted row of a list.
     *
     * @param rowNumber   the row in the file, counting the header as row 1 (as spreadsheets do)
     * @param phoneNumber the number in E.164
     * @param name        from a {@code name}, {@code full_name}, {@code customer_name} or
     *                    {@code first_name} (+ {@code last_name}) column, or null
     * @param variables   every column but phone_number and crm_id, by normalized header; empty
     *                    cells are empty strings. {@code current_date}/{@code current_day} are not
     *                    included: the dialer adds them at dial time
     * @param doNotCall   the number was on the organization's do-not-call list at import time;
     *                    the dialer skips and reports such contacts (check {@link DoNotCall} at
     *                    dial time too, the list may have changed since)
     */
    record Contact(UUID id, UUID contactListId, int rowNumber, String phoneNumber, String crmId, String name,
                   Map<String, String> variables, boolean doNotCall) {

        public Contact {
            variables = Map.copyOf(variables);
        }
    }

    /** The list, if it belongs to {@code organizationId}. */
    Optional<Summary> find(UUID organizationId, UUID contactListId);

    /**
     * The accepted contacts of a list in row order, after {@code afterRowNumber} (0 for the
     * first page), at most {@code limit} (1 to 10,000). Page through a whole list by passing the
     * last row number received; an empty result means the end. Contacts flagged do-not-call are
     * included, so the dialer can report them.
     */
    List<Contact> contacts(UUID organizationId, UUID contactListId, int afterRowNumber, int limit);
}
