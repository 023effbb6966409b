package dev.switchboard.campaigns.internal.contacts;

/**
 * What a contact file may contain, so that a hostile or broken file cannot exhaust memory.
 *
 * @param maxColumns     columns a header may name
 * @param maxFieldChars  characters of one cell the reader buffers; longer cells make the file fail
 * @param maxValueChars  characters a stored value may have; longer values reject their row
 */
public record ImportLimits(int maxColumns, int maxFieldChars, int maxValueChars) {

    /** The limits Switchboard applies. */
    public static final ImportLimits DEFAULT = new ImportLimits(500, 1024 * 1024, 1000);
}
