package dev.switchboard.platform.internal.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption keys by version; the first one encrypts. Parsed from
 * {@code version:base64-of-32-bytes[,version:base64…]}; error messages name where the text came
 * from and never repeat key material.
 */
final class KeyRing {

    /** One AES-256 key and its version. */
    record Key(String version, SecretKey key) {
        @Override
        public String toString() {
            return "Key[version=" + version + "]";
        }
    }

    static final int KEY_BYTES = 32;
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final List<Key> keys;

    KeyRing(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A key ring needs at least one key");
        }
        this.keys = List.copyOf(keys);
    }

    Key active() {
        return keys.getFirst();
    }

    Optional<Key> find(String version) {
        return keys.stream().filter(k -> k.version().equals(version)).findFirst();
    }

    List<String> versions() {
        return keys.stream().map(Key::version).toList();
    }

    /**
     * Parses the configured keys.
     *
     * @param source names the setting or file in error messages
     * @throws IllegalArgumentException saying what is wrong, and where
     */
    static KeyRing parse(String text, String source) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(source + " is empty; it must list keys as version:base64-of-32-bytes");
        }
        String[] entries = text.trim().split(",", -1);
        List<Key> keys = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int n = i + 1;
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(source + ": entry " + n + " must be version:base64-of-32-bytes "
                        + "(for example 1:<output of 'openssl rand -base64 32'>)");
            }
            String version = entry.substring(0, colon).trim();
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException(source + ": entry " + n + " has the version '" + version
                        + "'; a version is 1 to 32 letters, digits, dashes or underscores");
            }
            if (!versions.add(version)) {
                throw new IllegalArgumentException(source + ": the key version '" + version
                        + "' appears more than once; each key needs its own version");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": the key of version '" + version
                        + "' is not valid base64 (generate one with 'openssl rand -base64 32')");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException(source + ": the key of version '" + version + "' decodes to "
                        + bytes.length + " bytes, but AES-256 needs exactly " + KEY_BYTES
                        + " (generate one with 'openssl rand -base64 32')");
            }
            keys.add(new Key(version, new SecretKeySpec(bytes, "AES")));
        }
        return new KeyRing(keys);
    }
}
