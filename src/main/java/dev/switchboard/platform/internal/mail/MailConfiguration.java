package dev.switchboard.platform.internal.mail;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

    @Bean
    MailTemplates mailTemplates() {
        return new MailTemplates("mail");
    }
}
