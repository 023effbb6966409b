package dev.switchboard.identity.internal.credentials;

import dev.switchboard.platform.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What makes a password acceptable: 10 to 72 bytes (the hashing limit), not the e-mail, not a
 * well-known password, not one repeated character.
 */
public final class PasswordPolicy {

    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password12", "password123", "password1234", "passw0rd", "1234567890",
            "12345678910", "qwertyuiop", "qwerty1234", "qwerty12345", "1q2w3e4r5t", "iloveyou12", "letmein123",
            "welcome123", "admin12345", "administrator", "abc1234567", "football12", "baseball12", "monkey1234",
            "dragon1234", "sunshine12", "princess12", "changeme123", "switchboard", "0987654321", "1111111111",
            "aaaaaaaaaa", "asdfghjkl1", "zxcvbnm123", "trustno1trustno1", "superman12", "starwars12");

    private PasswordPolicy() {
    }

    /** Throws a 422 naming {@code field} when the password is not acceptable. */
    public static void check(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw ApiProblem.validation(field, "is required");
        }
        if (password.length() < 10) {
            throw weak(field, "must be at least 10 characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw weak(field, "must be at most 72 bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw weak(field, "is one of the most common passwords; choose another");
        }
        if (lower.chars().distinct().count() < 4) {
            throw weak(field, "must use at least 4 different characters");
        }
        if (email != null && !email.isBlank()) {
            String local = email.toLowerCase(Locale.ROOT);
            int at = local.indexOf('@');
            if (lower.equals(local) || (at > 2 && lower.contains(local.substring(0, at)) && at * 2 >= lower.length())) {
                throw weak(field, "must not be based on your e-mail address");
            }
        }
    }

    private static ApiProblem weak(String field, String message) {
        return new ApiProblem(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY, "weak-password",
                "Password too weak", "The password " + message + ".").field(field, message);
    }
}
