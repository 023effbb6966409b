package dev.switchboard.campaigns.internal.contacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records of an uploaded table, read one at a time so that a file of any size needs
 * constant memory. {@link #next()} throws {@link ImportProblem} when the file turns out to be
 * broken.
 */
public interface RowSource extends AutoCloseable {

    /** The next record, or null after the last. */
    SourceRow next();

    /** How the file was read, for the report ("CSV, UTF-8, separated by ';'"). */
    String description();

    @Override
    void close();

    /** Opens {@code file}: a workbook when it is a ZIP (XLSX) archive, delimited text otherwise. */
    static RowSource open(Path file, ImportLimits limits) {
        try {
            if (Files.size(file) == 0) {
                throw new ImportProblem("The file is empty (0 bytes). Upload a CSV or XLSX file whose first row names "
                        + "the columns, with one contact per row below it.");
            }
            return XlsxRows.isWorkbook(file) ? XlsxRows.open(file, limits) : CsvRows.open(file, limits);
        } catch (IOException e) {
            throw new ImportProblem("The uploaded file could not be read. Upload it again.", e);
        }
    }
}
