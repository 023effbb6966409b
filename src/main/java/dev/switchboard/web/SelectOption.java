package dev.switchboard.web;

/**
 * One option of a select (or radio group).
 *
 * @param value the submitted value
 * @param label what the user reads
 */
public record SelectOption(String value, String label) {

    /** An option whose label is its value. */
    public static SelectOption of(String value) {
        return new SelectOption(value, value);
    }
}
