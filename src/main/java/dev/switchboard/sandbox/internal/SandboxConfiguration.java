package dev.switchboard.sandbox.internal;

import dev.switchboard.sandbox.SandboxServer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the sandbox with the application when {@code switchboard.sandbox.enabled} is true (the
 * default) and stops it on shutdown. Unless a webhook URL is configured, call events go to this
 * application's own {@code /webhooks/retell}, on the port the web server actually got.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxConfiguration {

    @Bean
    SandboxServer sandboxServer(SandboxProperties properties, ObjectProvider<Clock> clock) {
        return new SandboxServer(properties.toSettings(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SmartLifecycle sandboxLifecycle(SandboxServer sandbox) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                sandbox.start();
            }

            @Override
            public void stop() {
                sandbox.stop();
            }

            @Override
            public boolean isRunning() {
                return sandbox.isRunning();
            }
        };
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> sandboxWebhookTarget(SandboxServer sandbox,
            SandboxProperties properties, Environment environment) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null
                    || (properties.webhookUrl() != null && !properties.webhookUrl().isBlank())) {
                return;
            }
            String contextPath = environment.getProperty("server.servlet.context-path", "");
            sandbox.defaultWebhookUrl("http://localhost:" + event.getWebServer().getPort() + contextPath
                    + "/webhooks/retell");
        };
    }
}
