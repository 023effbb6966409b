package dev.switchboard.campaigns.internal.contacts;

/**
 * One reason a row of an uploaded file was refused, as the validation report shows it.
 *
 * @param id         orders several reasons of one row
 * @param rowNumber  the row as a spreadsheet numbers it (the header is row 1)
 * @param lineNumber the text line the row starts on
 * @param column     the normalized header of the cell at fault, or null for the row as a whole
 * @param value      the cell as uploaded, cut to 200 characters
 * @param reason     what is wrong, in words
 */
public record RejectedRow(long id, int rowNumber, long lineNumber, String column, String value, String reason) {
}
