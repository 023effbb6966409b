package dev.switchboard.campaigns.internal.contacts;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Delimited text read with FastCSV (RFC 4180: quoted fields with separators, line breaks and
 * doubled quotes; CRLF or LF), after {@link TextSniffer} found its encoding and separator.
 */
final class CsvRows implements RowSource {

    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final TextSniffer.Format format;
    private final ImportLimits limits;
    private int rowNumber;

    private CsvRows(CsvReader<CsvRecord> reader, TextSniffer.Format format, ImportLimits limits) {
        this.reader = reader;
        this.records = reader.iterator();
        this.format = format;
        this.limits = limits;
    }

    static CsvRows open(Path file, ImportLimits limits) throws IOException {
        TextSniffer.Format format = TextSniffer.sniff(file);
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(format.bomLength());
        Reader text = new InputStreamReader(in, format.charset().newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE));
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(format.separator())
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(false)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowUnclosedQuote(false)
                .detectBomHeader(false)
                .maxBufferSize(limits.maxFieldChars())
                .ofCsvRecord(text);
        return new CsvRows(reader, format, limits);
    }

    @Override
    public SourceRow next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord record = records.next();
            rowNumber++;
            return new SourceRow(rowNumber, record.getStartingLineNumber(), record.getFields().toArray(String[]::new));
        } catch (CsvParseException e) {
            throw new ImportProblem(parseFailure(e), e);
        } catch (UncheckedIOException e) {
            throw new ImportProblem("The file could not be read to its end. Upload it again.", e);
        }
    }

    /** FastCSV's messages name the line; the user also needs to know what to fix. */
    private String parseFailure(CsvParseException e) {
        String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
        String where = "after row " + rowNumber;
        if (cause.contains("buffer") || String.valueOf(e.getMessage()).contains("buffer")) {
            return "A cell " + where + " is longer than " + String.format("%,d", limits.maxFieldChars())
                    + " characters, often the sign of a quote (\") that is never closed. Check that row, then upload "
                    + "the file again.";
        }
        return "The file cannot be read " + where + ": " + e.getMessage() + ". A quoted cell must end with a quote "
                + "(\") and a quote inside a cell is written twice (\"\"). Fix the file, then upload it again.";
    }

    @Override
    public String description() {
        return format.describe();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // reading is over; nothing to recover
        }
    }
}
