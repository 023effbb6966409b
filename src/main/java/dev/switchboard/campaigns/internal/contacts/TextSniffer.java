package dev.switchboard.campaigns.internal.contacts;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds how a delimited text file is written: its encoding (a byte-order mark, else UTF-8 when
 * every byte sequence is valid UTF-8, else Windows-1252 as Excel writes on Windows) and its
 * separator (the most frequent of comma, semicolon and tab in the header line, outside quotes).
 */
final class TextSniffer {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int SAMPLE_BYTES = 64 * 1024;

    /** The encoding, how many bytes of byte-order mark to skip, and the separator. */
    record Format(Charset charset, int bomLength, char separator) {

        String describe() {
            String name = charset.equals(WINDOWS_1252) ? "Windows-1252" : charset.name();
            String sep = switch (separator) {
                case '\t' -> "tabs";
                case ';' -> "semicolons";
                default -> "commas";
            };
            return "CSV, " + name + (bomLength > 0 ? " with byte-order mark" : "") + ", separated by " + sep;
        }
    }

    private TextSniffer() {
    }

    static Format sniff(Path file) throws IOException {
        byte[] head = readHead(file);
        int bom = bomLength(head);
        Charset charset;
        if (bom == 3) {
            charset = StandardCharsets.UTF_8;
        } else if (bom == 2) {
            charset = head[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
        } else {
            requireText(head);
            charset = isUtf8(file) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        String start = new String(head, bom, head.length - bom, charset);
        return new Format(charset, bom, separator(start));
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        }
    }

    private static int bomLength(byte[] head) {
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            return 3;
        }
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return 2;
        }
        return 0;
    }

    /** Text files have no NUL bytes and few control characters; anything else is not a table. */
    private static void requireText(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                control += head.length;
            } else if (b >= 0 && b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        if (control * 20 > head.length) {
            throw new ImportProblem("The file is not a CSV or XLSX file: it contains binary data. Save the "
                    + "spreadsheet as CSV (comma separated values) or as an Excel workbook (.xlsx), then upload it again.");
        }
    }

    /** Whether the whole file is valid UTF-8; reads it once, byte by byte, with an ASCII fast path. */
    static boolean isUtf8(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            int pending = 0;
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    int b = buffer[i] & 0xFF;
                    if (pending > 0) {
                        if ((b & 0xC0) != 0x80) {
                            return false;
                        }
                        pending--;
                    } else if (b >= 0x80) {
                        if (b >= 0xC2 && b <= 0xDF) {
                            pending = 1;
                        } else if (b >= 0xE0 && b <= 0xEF) {
                            pending = 2;
                        } else if (b >= 0xF0 && b <= 0xF4) {
                            pending = 3;
                        } else {
                            return false;
                        }
                    }
                }
            }
            return pending == 0;
        }
    }

    /** The separator used most in the first line (outside quotes); a comma when none is. */
    static char separator(String start) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < start.length(); i++) {
            char c = start.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                comma++;
            } else if (!quoted && c == ';') {
                semicolon++;
            } else if (!quoted && c == '\t') {
                tab++;
            }
        }
        if (tab > comma && tab >= semicolon) {
            return '\t';
        }
        return semicolon > comma ? ';' : ',';
    }
}
