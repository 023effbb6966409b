package dev.switchboard.campaigns.internal.contacts;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The rejection report as CSV: one line per problem, with row, line, column, value and reason. */
final class RejectionsCsv {

    /** Fetches the page of rejections after the (row, id) position. */
    interface Pages {
        List<RejectedRow> after(int row, long id);
    }

    private RejectionsCsv() {
    }

    static void write(Writer out, Pages pages) throws IOException {
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord("row", "line", "column", "value", "reason");
        int row = 0;
        long id = 0;
        List<RejectedRow> page;
        while (!(page = pages.after(row, id)).isEmpty()) {
            for (RejectedRow r : page) {
                csv.writeRecord(String.valueOf(r.rowNumber()), String.valueOf(r.lineNumber()),
                        r.column() == null ? "" : r.column(), safe(r.value()), r.reason());
                row = r.rowNumber();
                id = r.id();
            }
        }
        csv.flush();
    }

    /**
     * A value as a spreadsheet will not run it as a formula: a leading =, @ or a sign before
     * something other than a digit gets a quote. Phone numbers such as +1415… stay as they are.
     */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean sign = (first == '+' || first == '-') && (value.length() == 1 || !Character.isDigit(value.charAt(1)));
        return first == '=' || first == '@' || first == '\t' || first == '\r' || sign ? "'" + value : value;
    }
}
