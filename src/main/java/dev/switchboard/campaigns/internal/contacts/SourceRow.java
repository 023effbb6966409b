package dev.switchboard.campaigns.internal.contacts;

/**
 * One record of an uploaded file.
 *
 * @param rowNumber the row as a spreadsheet numbers it (the header is row 1; empty rows count)
 * @param line      the text line it starts on (for XLSX the row number)
 * @param fields    the cell values, as written (not trimmed)
 */
public record SourceRow(int rowNumber, long line, String[] fields) {

    /** Whether every cell is empty or blank. */
    public boolean isEmpty() {
        for (String field : fields) {
            if (field != null && !field.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
