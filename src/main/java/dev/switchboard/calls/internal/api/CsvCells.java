package dev.switchboard.calls.internal.api;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV rows as RFC 4180 says (comma separated, CRLF line ends, fields with a comma, quote,
 * or line break quoted and their quotes doubled).
 *
 * <p>Text that came from callers, providers or integrators is also neutralized for spreadsheets:
 * a cell starting with {@code = + - @}, a tab or a carriage return would be run as a formula by
 * Excel, LibreOffice or Google Sheets, so it gets a leading apostrophe, which they show as text.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** A value Switchboard vouches for (an id, an E.164 number, a timestamp, a number): only quoted when needed. */
    static String trusted(Object value) {
        return quoted(value == null ? "" : value.toString());
    }

    /** Text from outside: neutralized against formula injection, then quoted when needed. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return quoted(formula ? "'" + value : value);
    }

    static void row(Writer out, List<String> cells) throws IOException {
        out.write(String.join(",", cells));
        out.write("\r\n");
    }

    private static String quoted(String value) {
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
