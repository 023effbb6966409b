package dev.switchboard.platform.internal.mail;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends through the SMTP server of {@code spring.mail.*}, as multipart text + HTML. */
class SmtpEmailSender implements EmailSender {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String host;
    private final MailSettings settings;

    SmtpEmailSender(ObjectProvider<JavaMailSender> mailSender, @Value("${spring.mail.host:}") String host,
            MailSettings settings) {
        this.mailSender = mailSender;
        this.host = host == null ? "" : host.trim();
        this.settings = settings;
    }

    @Override
    public boolean configured() {
        // Spring Boot creates a JavaMailSender even for an empty host; a blank host means "no SMTP".
        return !host.isEmpty() && mailSender.getIfAvailable() != null;
    }

    @Override
    public void send(StoredMail mail) throws Exception {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(new InternetAddress(settings.from(), true));
        helper.setTo(new InternetAddress(mail.to(), true));
        if (mail.replyTo() != null) {
            helper.setReplyTo(new InternetAddress(mail.replyTo(), true));
        }
        helper.setSubject(mail.subject());
        helper.setText(mail.bodyText(), mail.bodyHtml());
        // Lets the recipient's server and our own logs tie the message to its outbox row.
        message.setHeader("X-Switchboard-Mail-Id", mail.id().toString());
        sender.send(message);
    }
}
