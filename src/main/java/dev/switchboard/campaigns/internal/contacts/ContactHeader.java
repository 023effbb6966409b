package dev.switchboard.campaigns.internal.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of a contact file: names normalized (trimmed, lower-cased, runs of spaces to
 * one underscore), the required {@code phone_number} and {@code crm_id} located, and the column
 * giving the contact's name found when there is one.
 */
public final class ContactHeader {

    public static final String PHONE = "phone_number";
    public static final String CRM_ID = "crm_id";
    private static final List<String> REQUIRED = List.of(PHONE, CRM_ID);
    private static final List<String> NAME_COLUMNS = List.of("name", "full_name", "customer_name", "contact_name");

    private final List<String> columns;
    private final int phone;
    private final int crmId;
    private final int name;
    private final int firstName;
    private final int lastName;

    private ContactHeader(List<String> columns) {
        this.columns = List.copyOf(columns);
        this.phone = columns.indexOf(PHONE);
        this.crmId = columns.indexOf(CRM_ID);
        this.name = NAME_COLUMNS.stream().mapToInt(columns::indexOf).filter(i -> i >= 0).findFirst().orElse(-1);
        this.firstName = columns.indexOf("first_name");
        this.lastName = columns.indexOf("last_name");
    }

    /** "  Phone Number " reads phone_number. */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String stripped = raw.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
        return stripped.replaceAll("\\s+", "_");
    }

    /** Reads the header row; throws {@link ImportProblem} naming what is wrong with it. */
    public static ContactHeader read(SourceRow row, ImportLimits limits) {
        String[] raw = row.fields();
        int count = raw.length;
        while (count > 0 && (raw[count - 1] == null || raw[count - 1].isBlank())) {
            count--; // trailing empty header cells, as spreadsheets often export
        }
        if (count > limits.maxColumns()) {
            throw new ImportProblem("The header row has " + String.format("%,d", count) + " columns; at most "
                    + limits.maxColumns() + " are supported. Keep phone_number, crm_id and the columns your agent uses.");
        }
        List<String> columns = new ArrayList<>(count);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = normalize(raw[i]);
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            if (name.length() > 100) {
                throw new ImportProblem("The header of column " + (i + 1) + " is longer than 100 characters. Is the first "
                        + "row the header? Give each column a short name such as phone_number or crm_id.");
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new ImportProblem("The header names the column " + name + " twice (columns " + (earlier + 1) + " and "
                        + (i + 1) + "). Give each column its own name.");
            }
            columns.add(name);
        }
        List<String> missing = REQUIRED.stream().filter(r -> !columns.contains(r)).toList();
        if (!missing.isEmpty()) {
            throw new ImportProblem(missingColumnsMessage(missing, columns));
        }
        return new ContactHeader(columns);
    }

    /**
     * "Missing required columns: crm_id. Found columns: phone_number, name. …" — the headers
     * found and the ones missing, so the user can fix the first row.
     */
    static String missingColumnsMessage(List<String> missing, List<String> found) {
        return "Missing required columns: " + String.join(", ", missing) + ". Found columns: "
                + (found.isEmpty() ? "(none)" : String.join(", ", found))
                + ". The first row must name the columns; phone_number and crm_id are required "
                + "(case and spaces do not matter), every other column becomes a variable for the agent.";
    }

    public List<String> columns() {
        return columns;
    }

    int phoneIndex() {
        return phone;
    }

    int crmIdIndex() {
        return crmId;
    }

    /** The contact's name from a name column, or first_name and last_name; null when none. */
    String name(String[] fields) {
        if (name >= 0) {
            return blankToNull(cell(fields, name));
        }
        if (firstName >= 0 || lastName >= 0) {
            String joined = (cell(fields, firstName) + " " + cell(fields, lastName)).strip();
            return blankToNull(joined);
        }
        return null;
    }

    static String cell(String[] fields, int index) {
        return index >= 0 && index < fields.length && fields[index] != null ? fields[index] : "";
    }

    private static String blankToNull(String value) {
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
