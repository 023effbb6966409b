package dev.switchboard.agents.internal.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool definition as canonical JSON (object keys sorted at every level, no whitespace) and
 * its SHA-256, so that the same definition always hashes the same however its maps were built.
 * Also the fingerprint of a provider account: the SHA-256 of its API key, never the key.
 */
public final class CanonicalJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalJson() {
    }

    /** The canonical JSON of a value made of maps, lists, strings, numbers, booleans and nulls. */
    public static String of(Object value) {
        return JSON.writeValueAsString(sorted(value));
    }

    /** The hex SHA-256 of the canonical JSON of {@code value}. */
    public static String hash(Object value) {
        return sha256(of(value));
    }

    /** Identifies a provider account without storing or logging its API key. */
    public static String accountFingerprint(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("The provider account has no API key");
        }
        return sha256(apiKey);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((key, nested) -> sorted.put(String.valueOf(key), sorted(nested)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return value;
    }
}
