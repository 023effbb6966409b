package dev.switchboard.campaigns.internal.contacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Runs the import of a file without a database: the same reader, header and row checks as the
 * background import, collecting what it would store. Also builds small XLSX workbooks.
 */
final class ImportFixture {

    /** What an import of the file would store. */
    record DryRun(List<String> columns, List<ContactRowChecker.Accepted> accepted,
                  List<ContactRowChecker.Rejection> rejections, ImportCounts counts, String format) {

        ContactRowChecker.Rejection rejectionOfRow(int row) {
            return rejections.stream().filter(r -> r.rowNumber() == row).findFirst()
                    .orElseThrow(() -> new AssertionError("no rejection of row " + row + " in " + rejections));
        }
    }

    private ImportFixture() {
    }

    static DryRun csv(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static DryRun bytes(byte[] content) {
        try {
            Path file = Files.createTempFile("contacts-", ".upload");
            try {
                Files.write(file, content);
                return file(file, "GB".equals(System.getProperty("fixture.region")) ? "GB" : "US");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DryRun file(Path file, String region) {
        List<ContactRowChecker.Accepted> accepted = new ArrayList<>();
        List<ContactRowChecker.Rejection> rejections = new ArrayList<>();
        try (RowSource source = RowSource.open(file, ImportLimits.DEFAULT)) {
            ContactHeader header = ContactImporter.readHeader(source, ImportLimits.DEFAULT);
            ContactRowChecker checker = new ContactRowChecker(header, region, false, ImportLimits.DEFAULT);
            ImportCounts counts = ContactImporter.readRows(source, checker, (a, r, c) -> {
                accepted.addAll(a);
                rejections.addAll(r);
            });
            return new DryRun(header.columns(), accepted, rejections, counts, source.description());
        }
    }

    /** A workbook whose first sheet has {@code rows}; each cell is "s:text" (shared), "i:text" (inline) or "n:number". */
    static byte[] xlsx(List<List<String>> rows) {
        List<String> shared = new ArrayList<>();
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < rows.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<String> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                String cell = cells.get(c);
                if (cell == null) {
                    continue;
                }
                String ref = (char) ('A' + c) + String.valueOf(r + 1);
                String value = xml(cell.substring(2));
                switch (cell.charAt(0)) {
                    case 's' -> {
                        shared.add(value);
                        sheet.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(shared.size() - 1).append("</v></c>");
                    }
                    case 'i' -> sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(value)
                            .append("</t></is></c>");
                    default -> sheet.append("<c r=\"").append(ref).append("\"><v>").append(value).append("</v></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        StringBuilder strings = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
                + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        shared.forEach(s -> strings.append("<si><t>").append(s).append("</t></si>"));
        strings.append("</sst>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                    + "<sheet name=\"Contacts\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships "
                    + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                    + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                    + "Target=\"worksheets/sheet1.xml\"/></Relationships>");
            entry(zip, "xl/sharedStrings.xml", strings.toString());
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
