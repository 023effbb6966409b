package dev.switchboard.platform.internal.mail;

import dev.switchboard.platform.ProviderClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailSettings.class, ResendSettings.class})
class MailConfiguration {

    /** Resend when its API key is set, else SMTP when a host is set; with neither, mails are captured. */
    @Bean
    EmailSender emailSender(ResendSettings resend, MailSettings settings, ProviderClient.Factory clients,
                            ObjectProvider<JavaMailSender> smtp, @Value("${spring.mail.host:}") String smtpHost) {
        if (resend.configured()) {
            return new ResendEmailSender(resend, settings, clients);
        }
        return new SmtpEmailSender(smtp, smtpHost, settings);
    }

    @Bean
    MailTemplates mailTemplates() {
        return new MailTemplates("mail");
    }
}
