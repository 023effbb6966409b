package dev.switchboard.platform.internal.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail settings of Switchboard itself; the SMTP server is Spring's {@code spring.mail.*}
 * ({@code SWITCHBOARD_SMTP_*}).
 *
 * @param from        the sender, such as {@code Switchboard <no-reply@example.com>} ({@code SWITCHBOARD_MAIL_FROM})
 * @param maxAttempts delivery attempts before a mail is marked failed and its job parked
 *                    ({@code SWITCHBOARD_MAIL_MAX_ATTEMPTS})
 */
@ConfigurationProperties("switchboard.mail")
record MailSettings(String from, Integer maxAttempts) {

    MailSettings {
        from = from == null || from.isBlank() ? "Switchboard <no-reply@switchboard.local>" : from.trim();
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("switchboard.mail.from (SWITCHBOARD_MAIL_FROM) must be an address such "
                    + "as 'Switchboard <no-reply@example.com>', but was '" + from + "'", e);
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("switchboard.mail.max-attempts (SWITCHBOARD_MAIL_MAX_ATTEMPTS) must be "
                    + "between 1 and 50, but was " + maxAttempts);
        }
    }
}
