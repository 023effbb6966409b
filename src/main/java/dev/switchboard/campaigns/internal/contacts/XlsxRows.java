package dev.switchboard.campaigns.internal.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first worksheet of an Excel workbook (.xlsx), streamed: the archive is opened in place,
 * the shared strings are read once, then the sheet's rows are pulled one at a time with StAX.
 * Shared, inline and formula strings, numbers and booleans are read; numbers come out as plain
 * digits (a phone number stored as 4155551234 or 4.155551234E9 reads "4155551234").
 */
final class XlsxRows implements RowSource {

    private static final XMLInputFactory XML = secureFactory();

    private final ZipFile zip;
    private final XMLStreamReader sheet;
    private final List<String> sharedStrings;
    private final ImportLimits limits;
    private int lastRow;

    private XlsxRows(ZipFile zip, XMLStreamReader sheet, List<String> sharedStrings, ImportLimits limits) {
        this.zip = zip;
        this.sheet = sheet;
        this.sharedStrings = sharedStrings;
        this.limits = limits;
    }

    static boolean isWorkbook(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    static XlsxRows open(Path file, ImportLimits limits) {
        ZipFile zip = null;
        try {
            zip = new ZipFile(file.toFile());
            ZipEntry sheetEntry = firstSheet(zip);
            List<String> strings = sharedStrings(zip);
            XMLStreamReader sheet = XML.createXMLStreamReader(zip.getInputStream(sheetEntry), "UTF-8");
            return new XlsxRows(zip, sheet, strings, limits);
        } catch (ZipException e) {
            closeQuietly(zip);
            throw notAWorkbook(e);
        } catch (IOException | XMLStreamException e) {
            closeQuietly(zip);
            throw notAWorkbook(e);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    @Override
    public SourceRow next() {
        try {
            while (sheet.hasNext()) {
                if (sheet.next() == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("row")) {
                    return row();
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof ImportProblem problem) {
                throw problem;
            }
            throw new ImportProblem("The worksheet is damaged and cannot be read past " + position()
                    + ". Open the workbook in Excel, save it again as .xlsx (or as CSV), then upload it again.", e);
        }
    }

    private String position() {
        var location = sheet.getLocation();
        return location == null ? "its start" : "character " + location.getCharacterOffset() + " of the sheet";
    }

    private SourceRow row() throws XMLStreamException {
        int rowNumber = parseInt(sheet.getAttributeValue(null, "r"), -1);
        List<String> cells = new ArrayList<>();
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("c")) {
                int column = columnIndex(sheet.getAttributeValue(null, "r"), cells.size());
                if (column >= limits.maxColumns()) {
                    throw new ImportProblem("Row " + rowNumber + " of the worksheet has a value in column " + (column + 1)
                            + "; at most " + limits.maxColumns() + " columns are supported. Remove the extra columns.");
                }
                while (cells.size() < column) {
                    cells.add("");
                }
                cells.add(cell());
            } else if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("row")) {
                break;
            }
        }
        int number = rowNumber > 0 ? rowNumber : lastRow + 1;
        lastRow = number;
        return new SourceRow(number, number, cells.toArray(String[]::new));
    }

    /** The value of the cell element the reader is on; leaves the reader on its end tag. */
    private String cell() throws XMLStreamException {
        String type = sheet.getAttributeValue(null, "t");
        String value = null;
        StringBuilder inline = null;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = sheet.getLocalName();
                if (name.equals("v")) {
                    value = text();
                } else if (name.equals("t")) {
                    inline = inline == null ? new StringBuilder() : inline;
                    inline.append(text());
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("c")) {
                break;
            }
        }
        return value(type, value, inline == null ? null : inline.toString());
    }

    private String text() throws XMLStreamException {
        String text = sheet.getElementText();
        if (text.length() > limits.maxFieldChars()) {
            throw new ImportProblem("A cell of the worksheet is longer than " + String.format("%,d", limits.maxFieldChars())
                    + " characters. Shorten it, then upload the file again.");
        }
        return text;
    }

    private String value(String type, String value, String inline) {
        if ("inlineStr".equals(type)) {
            return inline == null ? "" : inline;
        }
        if (value == null) {
            return inline == null ? "" : inline;
        }
        if ("s".equals(type)) {
            int index = parseInt(value.strip(), -1);
            if (index < 0 || index >= sharedStrings.size()) {
                throw new ImportProblem("The workbook refers to a text that it does not contain. Open it in Excel, "
                        + "save it again, then upload it again.");
            }
            return sharedStrings.get(index);
        }
        if ("b".equals(type)) {
            return "1".equals(value) ? "TRUE" : "FALSE";
        }
        if (type == null || "n".equals(type)) {
            return plainNumber(value);
        }
        return value;
    }

    /** A number as digits: 4.155551234E9 is 4155551234, 12.50 stays 12.5. */
    static String plainNumber(String value) {
        try {
            BigDecimal number = new BigDecimal(value.strip()).stripTrailingZeros();
            return number.scale() < 0 ? number.setScale(0).toPlainString() : number.toPlainString();
        } catch (NumberFormatException | ArithmeticException e) {
            return value;
        }
    }

    /** Zero-based column of a cell reference such as "AB12"; {@code next} when there is none. */
    static int columnIndex(String reference, int next) {
        if (reference == null) {
            return next;
        }
        int column = 0;
        int i = 0;
        while (i < reference.length() && Character.isLetter(reference.charAt(i)) && i < 4) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
            i++;
        }
        return i == 0 ? next : column - 1;
    }

    private static ZipEntry firstSheet(ZipFile zip) throws IOException, XMLStreamException {
        String target = firstSheetTarget(zip);
        ZipEntry entry = target == null ? null : zip.getEntry(target);
        if (entry == null) {
            entry = zip.getEntry("xl/worksheets/sheet1.xml");
        }
        if (entry == null) {
            throw new ImportProblem("The file is a ZIP archive but not an Excel workbook with a worksheet. Upload a CSV "
                    + "file or an .xlsx workbook.");
        }
        return entry;
    }

    /** The part of the workbook's first sheet, following workbook.xml and its relationships. */
    private static String firstSheetTarget(ZipFile zip) throws IOException, XMLStreamException {
        ZipEntry workbook = zip.getEntry("xl/workbook.xml");
        ZipEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (workbook == null || rels == null) {
            return null;
        }
        String firstId = null;
        XMLStreamReader reader = XML.createXMLStreamReader(zip.getInputStream(workbook), "UTF-8");
        while (reader.hasNext() && firstId == null) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("sheet")) {
                for (int i = 0; i < reader.getAttributeCount(); i++) {
                    if (reader.getAttributeLocalName(i).equals("id")) {
                        firstId = reader.getAttributeValue(i);
                    }
                }
            }
        }
        reader.close();
        Map<String, String> targets = new HashMap<>();
        reader = XML.createXMLStreamReader(zip.getInputStream(rels), "UTF-8");
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("Relationship")) {
                targets.put(reader.getAttributeValue(null, "Id"), reader.getAttributeValue(null, "Target"));
            }
        }
        reader.close();
        String target = targets.get(firstId);
        if (target == null) {
            return null;
        }
        return target.startsWith("/") ? target.substring(1) : "xl/" + target;
    }

    private static List<String> sharedStrings(ZipFile zip) throws IOException, XMLStreamException {
        ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
        List<String> strings = new ArrayList<>();
        if (entry == null) {
            return strings;
        }
        XMLStreamReader reader = XML.createXMLStreamReader(zip.getInputStream(entry), "UTF-8");
        StringBuilder current = null;
        int depthInPhonetic = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "si" -> current = new StringBuilder();
                    case "rPh" -> depthInPhonetic++;
                    case "t" -> {
                        String text = reader.getElementText();
                        if (current != null && depthInPhonetic == 0) {
                            current.append(text);
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (reader.getLocalName().equals("si") && current != null) {
                    strings.add(current.toString());
                    current = null;
                } else if (reader.getLocalName().equals("rPh")) {
                    depthInPhonetic--;
                }
            }
        }
        reader.close();
        return strings;
    }

    private static int parseInt(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static ImportProblem notAWorkbook(Exception cause) {
        return new ImportProblem("The file looks like an Excel workbook but cannot be opened: it may be damaged or "
                + "password-protected. Save it again as .xlsx without a password, or as CSV, then upload it again.", cause);
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static void closeQuietly(ZipFile zip) {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // the file is being given up anyway
            }
        }
    }

    @Override
    public String description() {
        return "Excel workbook, first worksheet";
    }

    @Override
    public void close() {
        try {
            sheet.close();
        } catch (XMLStreamException ignored) {
            // nothing left to read
        }
        closeQuietly(zip);
    }
}
