package dev.switchboard.campaigns.internal.contacts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code switchboard.imports.*}. */
@Configuration
@EnableConfigurationProperties(ImportSettings.class)
class ContactImportConfiguration {
}
