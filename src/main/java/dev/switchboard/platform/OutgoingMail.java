package dev.switchboard.platform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One mail to send with {@link Mailer#send(OutgoingMail)}. Its body comes from the template
 * {@code template} (classpath {@code mail/<template>.txt} and {@code .html}); each
 * {@code {{name}}} placeholder is replaced by the model's value (HTML-escaped in the HTML part).
 * The static factories build the mails Switchboard ships templates for.
 *
 * @param to             the recipient's address
 * @param subject        the subject line, as is
 * @param template       the template name, such as {@code password-reset}
 * @param model          the placeholder values (none may be null)
 * @param organizationId the organization the mail is about, or null
 * @param replyTo        the address replies go to, or null for the sender's
 */
public record OutgoingMail(String to, String subject, String template, Map<String, Object> model,
        UUID organizationId, String replyTo) {

    public OutgoingMail {
        requireText(to, "to");
        requireText(subject, "subject");
        requireText(template, "template");
        Objects.requireNonNull(model, "model");
        if (!to.contains("@") || to.length() > 254 || hasLineBreak(to)) {
            throw new IllegalArgumentException("'" + to + "' is not an e-mail address");
        }
        if (hasLineBreak(subject)) {
            throw new IllegalArgumentException("A mail subject must be a single line");
        }
        if (replyTo != null && (replyTo.isBlank() || !replyTo.contains("@") || hasLineBreak(replyTo))) {
            throw new IllegalArgumentException("'" + replyTo + "' is not an e-mail address to reply to");
        }
        model.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("The mail model value '" + name + "' is null");
            }
        });
        model = Map.copyOf(model);
    }

    /** A mail with no organization and no reply-to. */
    public static OutgoingMail of(String to, String subject, String template, Map<String, Object> model) {
        return new OutgoingMail(to, subject, template, model, null, null);
    }

    /** This mail, about {@code organization}. */
    public OutgoingMail forOrganization(UUID organization) {
        return new OutgoingMail(to, subject, template, model, organization, replyTo);
    }

    /** This mail, with replies going to {@code address}. */
    public OutgoingMail replyingTo(String address) {
        return new OutgoingMail(to, subject, template, model, organizationId, address);
    }

    /** The password reset link, valid for {@code validFor}. */
    public static OutgoingMail passwordReset(String to, String resetUrl, Duration validFor) {
        return of(to, "Reset your Switchboard password", "password-reset",
                Map.of("resetUrl", resetUrl, "validFor", describe(validFor)));
    }

    /** Sent to the new address to confirm an e-mail change; the link is valid for {@code validFor}. */
    public static OutgoingMail emailChange(String to, String confirmUrl, Duration validFor) {
        return of(to, "Confirm your new Switchboard e-mail address", "email-change",
                Map.of("newEmail", to, "confirmUrl", confirmUrl, "validFor", describe(validFor)));
    }

    /** An invitation to join {@code organizationName} with {@code role}. */
    public static OutgoingMail invitation(String to, UUID organizationId, String organizationName, String inviterName,
            String role, String acceptUrl, Duration validFor) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("organizationName", organizationName);
        model.put("inviterName", inviterName);
        model.put("role", role);
        model.put("acceptUrl", acceptUrl);
        model.put("validFor", describe(validFor));
        return new OutgoingMail(to, "You're invited to join " + organizationName + " on Switchboard", "invitation",
                model, organizationId, null);
    }

    /** Welcomes a new user, with the sign-in page. */
    public static OutgoingMail welcome(String to, String name, String signInUrl) {
        return of(to, "Welcome to Switchboard", "welcome", Map.of("name", name, "signInUrl", signInUrl));
    }

    /** A validity period in words: "30 minutes", "1 hour", "7 days". */
    static String describe(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        long minutes = validity.toMinutes();
        if (minutes < 1) {
            throw new IllegalArgumentException("A link must stay valid for at least a minute");
        }
        if (minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        if (minutes % 60 == 0) {
            return plural(minutes / 60, "hour");
        }
        return plural(minutes, "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A mail needs a " + name);
        }
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
}
