package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.campaigns.ContactLists;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.TenantScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploading contact lists and reading them back with their validation report, for the
 * organization in scope. The upload only stores the file and schedules its import
 * ({@link ContactImportJob}), so a file of a million rows never holds the HTTP request.
 */
@Service
public class ContactListService {

    private static final int XLS_MAGIC = 0xD0CF11E0;

    private final ContactListRecords lists;
    private final UploadFiles uploads;
    private final ImportSettings settings;
    private final Jobs jobs;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ContactListService(ContactListRecords lists, UploadFiles uploads, ImportSettings settings, Jobs jobs, AuditLog audit,
                       TransactionTemplate tx, Clock clock) {
        this.lists = lists;
        this.uploads = uploads;
        this.settings = settings;
        this.jobs = jobs;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Stores the upload and schedules its import; answers the new list (status uploaded). */
    public ContactLists.Summary upload(String name, MultipartFile file) {
        UUID organization = TenantScope.requireOrganization();
        if (file == null || file.isEmpty()) {
            throw ApiProblem.validation("file", file == null
                    ? "is required: attach a CSV or XLSX file whose first row names the columns phone_number and crm_id"
                    : "is empty (0 bytes): upload a CSV or XLSX file whose first row names the columns");
        }
        requireWithinLimit(file.getSize());
        String fileName = fileName(file.getOriginalFilename());
        String listName = listName(name, fileName);
        UUID id = UUID.randomUUID();
        String format = store(organization, id, file);
        UUID userId = Actors.current().map(a -> a.userId()).orElse(null);
        try {
            tx.executeWithoutResult(s -> {
                lists.insert(organization, id, listName, fileName, format, file.getSize(), userId, clock.instant());
                jobs.schedule(JobRequest.of(ContactImportJob.TASK, "contact-list-" + id,
                        new ContactImportJob.Payload(id)).forOrganization(organization));
                audit.record(new AuditEntry("contact_list.uploaded", "contact_list", id.toString(),
                        Map.of("name", listName, "fileName", fileName == null ? "" : fileName, "bytes", file.getSize())));
            });
        } catch (RuntimeException e) {
            uploads.delete(organization, id);
            throw e;
        }
        return find(id);
    }

    public ContactLists.Summary find(UUID id) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> lists.find(organization, id)).map(ContactListRecords.StoredList::summary)
                .orElseThrow(() -> ApiProblem.notFound("Contact list " + id));
    }

    public CursorPage<ContactLists.Summary> list(Integer requestedLimit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        int limit = Cursors.limit(requestedLimit, 50, 200);
        Cursors.TimeAndId after = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor);
        List<ContactLists.Summary> rows = tx.execute(s -> lists.page(organization, after == null ? null : after.time(),
                after == null ? null : after.id(), limit + 1));
        return CursorPage.of(rows, limit, l -> Cursors.encode(l.createdAt(), l.id()));
    }

    public CursorPage<RejectedRow> rejections(UUID id, Integer requestedLimit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        find(id);
        int limit = Cursors.limit(requestedLimit, 50, 1000);
        long[] after = RowCursor.decode(cursor);
        List<RejectedRow> rows = tx.execute(s -> lists.rejections(organization, id, (int) after[0],
                after[1], limit + 1));
        return CursorPage.of(rows, limit, r -> RowCursor.encode(r.rowNumber(), r.id()));
    }

    public CursorPage<ContactLists.Contact> contacts(UUID id, Integer requestedLimit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        find(id);
        int limit = Cursors.limit(requestedLimit, 50, 1000);
        long[] after = RowCursor.decode(cursor);
        List<ContactLists.Contact> rows = tx.execute(s -> lists.contacts(organization, id, (int) after[0], limit + 1));
        return CursorPage.of(rows, limit, c -> RowCursor.encode(c.rowNumber(), 0));
    }

    /** Writes the whole rejection report as CSV, read in pages so any size streams. */
    public void writeRejectionsCsv(UUID id, java.io.Writer out) throws IOException {
        UUID organization = TenantScope.requireOrganization();
        find(id);
        RejectionsCsv.write(out, (row, rejectionId) -> tx.execute(s -> lists.rejections(organization, id, row,
                rejectionId, 5_000)));
    }

    /**
     * Deletes a list with its contacts and report. Refused (409, naming them in {@code campaigns})
     * while a campaign that is not finished uses the list.
     */
    public void delete(UUID id) {
        UUID organization = TenantScope.requireOrganization();
        ContactLists.Summary deleted = find(id);
        tx.executeWithoutResult(s -> {
            if (!lists.lock(organization, id)) {
                throw ApiProblem.notFound("Contact list " + id);
            }
            List<String> campaigns = lists.campaignsCalling(organization, id);
            if (!campaigns.isEmpty()) {
                throw ApiProblem.conflict("contact-list-in-use", "The contact list '" + deleted.name() + "' is used by "
                                + (campaigns.size() == 1 ? "the campaign " : "the campaigns ")
                                + campaigns.stream().map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(", "))
                                + (campaigns.size() == 1 ? ", which has not finished" : ", which have not finished")
                                + ". Cancel or finish "
                                + (campaigns.size() == 1 ? "it" : "them") + " first, then delete the list.")
                        .property("campaigns", campaigns);
            }
            lists.delete(organization, id);
            audit.record(new AuditEntry("contact_list.deleted", "contact_list", id.toString(),
                    Map.of("name", deleted.name(), "accepted", deleted.acceptedCount())));
        });
        jobs.cancel(ContactImportJob.TASK, "contact-list-" + id);
        uploads.delete(organization, id);
    }

    /** The largest upload accepted, as the 413 problem and the pages state it. */
    public String describeLimit() {
        return settings.describeLimit();
    }

    /** Refuses a file over the upload limit with a 413 naming the limit. */
    public void requireWithinLimit(long bytes) {
        if (bytes > settings.maxBytes().toBytes()) {
            throw tooLarge();
        }
    }

    /** The 413 problem for a file over the limit, naming the limit. */
    public ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Upload too large",
                "The file is larger than the " + settings.describeLimit() + " this server accepts for contact lists. "
                        + "Split it into smaller files or ask your administrator to raise the limit "
                        + "(switchboard.imports.max-bytes).").property("maxBytes", settings.maxBytes().toBytes());
    }

    /** Moves the upload to the import directory; answers its format. */
    private String store(UUID organization, UUID id, MultipartFile file) {
        try {
            Path target = uploads.prepare(organization, id);
            file.transferTo(target);
            String format = format(target, file.getOriginalFilename());
            requireWithinLimit(Files.size(target));
            return format;
        } catch (IOException e) {
            uploads.delete(organization, id);
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "upload-not-stored", "Upload not stored",
                    "The file could not be stored on the server. Try again in a minute.");
        } catch (RuntimeException e) {
            uploads.delete(organization, id);
            throw e;
        }
    }

    private static String format(Path file, String originalName) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        if (magic.length == 4 && java.nio.ByteBuffer.wrap(magic).getInt() == XLS_MAGIC) {
            throw ApiProblem.validation("file", "is an Excel 97-2003 workbook (.xls), which is not supported: save it as "
                    + ".xlsx or as CSV, then upload it again");
        }
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K') {
            return "xlsx";
        }
        String lower = originalName == null ? "" : originalName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx")) {
            return "xlsx"; // not a ZIP after all: the import reports it as unreadable
        }
        return "csv";
    }

    private static String fileName(String original) {
        if (original == null || original.isBlank()) {
            return null;
        }
        String base = original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static String listName(String requested, String fileName) {
        String name = requested == null ? "" : requested.strip();
        if (name.isEmpty() && fileName != null) {
            int dot = fileName.lastIndexOf('.');
            name = (dot > 0 ? fileName.substring(0, dot) : fileName).strip();
        }
        if (name.isEmpty()) {
            throw ApiProblem.validation("name", "is required: give the list a name such as \"March leads\"");
        }
        if (name.length() > 120) {
            throw ApiProblem.validation("name", "must have at most 120 characters");
        }
        return name;
    }

    /** Opaque cursors over (row number, id) positions. */
    static final class RowCursor {

        private RowCursor() {
        }

        static String encode(int row, long id) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((row + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static long[] decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return new long[] {0, 0};
            }
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new long[] {Integer.parseInt(raw.substring(0, colon)), Long.parseLong(raw.substring(colon + 1))};
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw ContactListPages.invalidCursor();
            }
        }
    }
}
