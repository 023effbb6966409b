package dev.switchboard.identity.internal.credentials;

import dev.switchboard.platform.ApiProblem;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates and normalises e-mail addresses as users type them. */
public final class EmailAddresses {

    private static final Pattern SHAPE = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private EmailAddresses() {
    }

    /** The trimmed address; throws a 422 naming {@code field} when it is not an e-mail address. */
    public static String require(String field, String email) {
        if (email == null || email.isBlank()) {
            throw ApiProblem.validation(field, "is required");
        }
        String trimmed = email.trim();
        if (trimmed.length() > 254 || !SHAPE.matcher(trimmed).matches()) {
            throw ApiProblem.validation(field, "must be an e-mail address such as name@example.com");
        }
        return trimmed;
    }

    public static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
