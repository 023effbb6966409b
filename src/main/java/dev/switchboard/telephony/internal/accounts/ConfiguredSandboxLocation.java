package dev.switchboard.telephony.internal.accounts;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The sandbox's address from configuration. */
@Component
class ConfiguredSandboxLocation implements SandboxLocation {

    private final URI baseUrl;

    ConfiguredSandboxLocation(@Value("${switchboard.sandbox.url:http://localhost:8089}") URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }
}
