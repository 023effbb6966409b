package dev.switchboard.realtime.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Reads {@code switchboard.realtime.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RealtimeSettings.class)
class RealtimeConfiguration {
}
