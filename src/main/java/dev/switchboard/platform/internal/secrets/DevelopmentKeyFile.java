package dev.switchboard.platform.internal.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The encryption key of a development installation that set no {@code SWITCHBOARD_ENCRYPTION_KEYS}:
 * generated once into {@code <data directory>/secrets/encryption-keys} (readable by the owner only)
 * and read from there on every later start, so secrets stored yesterday still decrypt today.
 */
final class DevelopmentKeyFile {

    static final String VERSION = "dev1";

    private DevelopmentKeyFile() {
    }

    static Path location(Path dataDirectory) {
        return dataDirectory.resolve("secrets").resolve("encryption-keys");
    }

    /** Reads the key file, creating it with a fresh random key when there is none. */
    static KeyRing loadOrCreate(Path dataDirectory, SecureRandom random) {
        Path file = location(dataDirectory);
        try {
            if (!Files.exists(file)) {
                create(file, random);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return KeyRing.parse(text, "The development key file " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the development key file " + file.toAbsolutePath()
                    + " (set SWITCHBOARD_ENCRYPTION_KEYS, or make SWITCHBOARD_DATA_DIR writable)", e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        Path folder = file.getParent();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(folder)) {
            if (posix) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
        }
        byte[] key = new byte[KeyRing.KEY_BYTES];
        random.nextBytes(key);
        String line = VERSION + ":" + Base64.getEncoder().encodeToString(key) + "\n";
        try {
            // Created with mode 600 from the start, so the key is never readable by others, not even briefly.
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException anotherNodeWasFirst) {
            return;
        }
        Files.writeString(file, line, StandardCharsets.UTF_8);
    }
}
