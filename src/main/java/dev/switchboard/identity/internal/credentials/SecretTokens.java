package dev.switchboard.identity.internal.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (session cookies, refresh tokens, API keys, one-time links). Only
 * their SHA-256 hash is stored, so a database leak reveals no usable credential. Each kind
 * has a prefix, which lets logs redact them and users recognise them.
 */
public final class SecretTokens {

    /** The kinds of secrets and their prefixes. */
    public enum Kind {
        SESSION("sbs_"), REFRESH("sbr_"), API_KEY("sbk_"), PASSWORD_RESET("sbp_"), INVITATION("sbi_"), EMAIL_CHANGE("sbe_");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String generate(Kind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return kind.prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLike(Kind kind, String token) {
        return token != null && token.startsWith(kind.prefix) && token.length() == kind.prefix.length() + 43;
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
