package dev.switchboard.campaigns.internal.dnc;

import dev.switchboard.campaigns.internal.contacts.ContactHeader;
import dev.switchboard.campaigns.internal.contacts.ContactListService;
import dev.switchboard.campaigns.internal.contacts.ImportLimits;
import dev.switchboard.campaigns.internal.contacts.ImportProblem;
import dev.switchboard.campaigns.internal.contacts.RowSource;
import dev.switchboard.campaigns.internal.contacts.SourceRow;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.PhoneNumberRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Adds the numbers of an uploaded CSV or XLSX file to the do-not-call list. The numbers are in
 * the column named phone_number, phone or number, or in the first column when the file has no
 * such header. Runs while the request waits: do-not-call files are small, and capped.
 */
@Component
public class DoNotCallImport {

    static final int MAX_ROWS = 200_000;
    private static final int BATCH = 5_000;
    private static final int REPORTED_REJECTIONS = 100;
    private static final Set<String> NUMBER_HEADERS = Set.of("phone_number", "phone", "number", "phone_numbers",
            "mobile", "telephone");

    /** A line of the file that was not added, and why. */
    public record Rejected(int row, String value, String reason) {
    }

    /**
     * What the import did.
     *
     * @param rowsRead      non-empty data rows read
     * @param added         numbers newly on the list
     * @param alreadyListed numbers that were on the list already (or twice in the file)
     * @param rejectedCount rows whose value is not a phone number
     * @param rejected      the first 100 of them
     */
    public record Report(int rowsRead, int added, int alreadyListed, int rejectedCount, List<Rejected> rejected) {
    }

    private final DoNotCallService service;
    private final ContactListService contactLists;

    DoNotCallImport(DoNotCallService service, ContactListService contactLists) {
        this.service = service;
        this.contactLists = contactLists;
    }

    Report importFile(MultipartFile file) {
        UUID organization = TenantScope.requireOrganization();
        if (file == null || file.isEmpty()) {
            throw ApiProblem.validation("file", "is required: attach a CSV or XLSX file with one phone number per row");
        }
        contactLists.requireWithinLimit(file.getSize());
        Path temp = null;
        try {
            temp = Files.createTempFile("do-not-call-", ".upload");
            file.transferTo(temp);
            Report report = read(organization, temp);
            service.recordImport(Map.of("fileName", file.getOriginalFilename() == null ? "" : file.getOriginalFilename(),
                    "rows", report.rowsRead(), "added", report.added(), "rejected", report.rejectedCount()));
            return report;
        } catch (ImportProblem problem) {
            throw ApiProblem.validation("file", problem.getMessage());
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "upload-not-stored", "Upload not stored",
                    "The file could not be stored on the server. Try again in a minute.");
        } finally {
            deleteQuietly(temp);
        }
    }

    private Report read(UUID organization, Path file) {
        String region = service.region(organization);
        try (RowSource source = RowSource.open(file, ImportLimits.DEFAULT)) {
            SourceRow row = firstRow(source);
            int column = numberColumn(row);
            Counter counter = new Counter();
            if (column < 0) {
                column = 0;
                counter.take(row, 0, region);
            }
            while ((row = source.next()) != null) {
                if (!row.isEmpty()) {
                    counter.take(row, column, region);
                    if (counter.rows > MAX_ROWS) {
                        throw new ImportProblem("The file has more than " + String.format("%,d", MAX_ROWS)
                                + " numbers. Split it into smaller files.");
                    }
                    if (counter.pending.size() >= BATCH) {
                        counter.flush(organization);
                    }
                }
            }
            counter.flush(organization);
            return new Report(counter.rows, counter.added, counter.rows - counter.rejectedCount - counter.added,
                    counter.rejectedCount, counter.rejected);
        }
    }

    private static SourceRow firstRow(RowSource source) {
        SourceRow row;
        while ((row = source.next()) != null) {
            if (!row.isEmpty()) {
                return row;
            }
        }
        throw new ImportProblem("The file has no numbers. Put one phone number per row, optionally under a header "
                + "named phone_number.");
    }

    /** The column of the numbers when the first row is a header, else -1. */
    private static int numberColumn(SourceRow first) {
        String[] cells = first.fields();
        for (int i = 0; i < cells.length; i++) {
            if (NUMBER_HEADERS.contains(ContactHeader.normalize(cells[i]))) {
                return i;
            }
        }
        return -1;
    }

    /** Running totals and the numbers waiting to be stored. */
    private final class Counter {

        private final Set<String> seen = new HashSet<>();
        private final List<String> pending = new ArrayList<>();
        private final List<Rejected> rejected = new ArrayList<>();
        private int rows;
        private int added;
        private int rejectedCount;

        void take(SourceRow row, int column, String region) {
            rows++;
            String raw = column < row.fields().length ? row.fields()[column] : "";
            var e164 = PhoneNumberRules.toE164(raw, region);
            if (e164.isEmpty()) {
                rejectedCount++;
                if (rejected.size() < REPORTED_REJECTIONS) {
                    String value = raw.length() > 200 ? raw.substring(0, 199) + "…" : raw;
                    rejected.add(new Rejected(row.rowNumber(), value, "is not a phone number: write it in international "
                            + "form, such as +14155551234, or as a number of " + region));
                }
            } else if (seen.add(e164.get())) {
                pending.add(e164.get());
            }
        }

        void flush(UUID organization) {
            if (!pending.isEmpty()) {
                added += service.addAll(organization, pending, null);
                pending.clear();
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a temporary file; the system cleans it up eventually
            }
        }
    }
}
