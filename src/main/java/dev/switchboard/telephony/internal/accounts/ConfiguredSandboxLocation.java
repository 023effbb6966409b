package dev.switchboard.telephony.internal.accounts;

import dev.switchboard.sandbox.SandboxServer;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sandbox's address: {@code switchboard.sandbox.url} when set (a standalone sandbox), else
 * the embedded sandbox's actual address once it runs, else the standalone default.
 */
@Component
class ConfiguredSandboxLocation implements SandboxLocation {

    private final String configured;
    private final ObjectProvider<SandboxServer> embedded;

    ConfiguredSandboxLocation(@Value("${switchboard.sandbox.url:}") String configured, ObjectProvider<SandboxServer> embedded) {
        this.configured = configured == null ? "" : configured.trim();
        this.embedded = embedded;
    }

    @Override
    public URI baseUrl() {
        if (!configured.isEmpty()) {
            return URI.create(configured);
        }
        SandboxServer server = embedded.getIfAvailable();
        if (server != null && server.isRunning()) {
            return URI.create(server.baseUrl());
        }
        return URI.create("http://localhost:8089");
    }
}
