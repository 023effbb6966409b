package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.telephony.PhoneNumberRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides for each data row whether it becomes a contact: a callable phone number (E.164, valid,
 * no test pattern, not already in the file), a CRM id, values of reasonable length and no more
 * values than the header has columns. A refused row gets one rejection per problem found.
 */
final class ContactRowChecker {

    /** An accepted row, ready to store; {@code variablesJson} is a JSON object of strings. */
    record Accepted(int rowNumber, String phoneNumber, String crmId, String name, String variablesJson) {
    }

    /** One reason a row was refused; {@code column} is null when the row as a whole is at fault. */
    record Rejection(int rowNumber, long line, String column, String value, String reason) {

        static final int MAX_VALUE_CHARS = 200;

        Rejection {
            if (value != null && value.length() > MAX_VALUE_CHARS) {
                value = value.substring(0, MAX_VALUE_CHARS - 1) + "…";
            }
        }
    }

    /** What became of a row: exactly one of accepted and rejections is set. */
    record Outcome(Accepted accepted, List<Rejection> rejections, boolean duplicate) {
    }

    private final ContactHeader header;
    private final String region;
    private final boolean sandbox;
    private final ImportLimits limits;
    private final PhoneIndex seen = new PhoneIndex();

    ContactRowChecker(ContactHeader header, String region, boolean sandbox, ImportLimits limits) {
        this.header = header;
        this.region = region;
        this.sandbox = sandbox;
        this.limits = limits;
    }

    Outcome check(SourceRow row) {
        String[] fields = row.fields();
        List<Rejection> problems = new ArrayList<>(0);
        List<String> columns = header.columns();
        if (fields.length > columns.size() && hasValueBeyond(fields, columns.size())) {
            problems.add(new Rejection(row.rowNumber(), row.line(), null, null, "has " + countValues(fields)
                    + " values but the header names " + columns.size() + " columns: a value has no column; check for "
                    + "a separator inside a value that is not quoted"));
        }
        String rawPhone = ContactHeader.cell(fields, header.phoneIndex());
        PhoneNumberRules.Checked phone = PhoneNumberRules.check(rawPhone, region, sandbox);
        if (!phone.accepted()) {
            problems.add(new Rejection(row.rowNumber(), row.line(), ContactHeader.PHONE, rawPhone, phone.detail()));
        }
        String crmId = ContactHeader.cell(fields, header.crmIdIndex()).strip();
        if (crmId.isEmpty()) {
            problems.add(new Rejection(row.rowNumber(), row.line(), ContactHeader.CRM_ID, "",
                    "is empty: every row needs the contact's CRM id"));
        }
        String variables = variables(row, fields, problems);
        if (!problems.isEmpty()) {
            return new Outcome(null, problems, false);
        }
        int firstRow = seen.putIfAbsent(phone.e164(), row.rowNumber());
        if (firstRow != 0) {
            return new Outcome(null, List.of(new Rejection(row.rowNumber(), row.line(), ContactHeader.PHONE, rawPhone,
                    "is a duplicate: row " + firstRow + " already has " + phone.e164())), true);
        }
        String name = header.name(fields);
        return new Outcome(new Accepted(row.rowNumber(), phone.e164(), crmId, name, variables), List.of(), false);
    }

    /** The row's variables as a JSON object; over-long values are added to {@code problems}. */
    private String variables(SourceRow row, String[] fields, List<Rejection> problems) {
        List<String> columns = header.columns();
        StringBuilder json = new StringBuilder(64 + fields.length * 16).append('{');
        for (int i = 0; i < columns.size(); i++) {
            String value = ContactHeader.cell(fields, i);
            if (value.length() > limits.maxValueChars()) {
                problems.add(new Rejection(row.rowNumber(), row.line(), columns.get(i), value, "is longer than "
                        + String.format("%,d", limits.maxValueChars()) + " characters"));
                continue;
            }
            if (i == header.phoneIndex() || i == header.crmIdIndex()) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            Json.appendString(json, columns.get(i));
            json.append(':');
            Json.appendString(json, value.strip());
        }
        return json.append('}').toString();
    }

    private static boolean hasValueBeyond(String[] fields, int columns) {
        for (int i = columns; i < fields.length; i++) {
            if (fields[i] != null && !fields[i].isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static int countValues(String[] fields) {
        int last = fields.length;
        while (last > 0 && (fields[last - 1] == null || fields[last - 1].isBlank())) {
            last--;
        }
        return last;
    }

    /** The smallest JSON string writer: quotes, backslashes and control characters escaped. */
    static final class Json {

        private Json() {
        }

        static void appendString(StringBuilder out, String value) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c == 0) {
                            out.append('\uFFFD'); // PostgreSQL stores no NUL character
                        } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
