package dev.switchboard.telephony.internal.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Provider accounts of the organization: the platform's, or its own (BYOC). */
@RestController
@Tag(name = "Integrations")
class IntegrationsApiController {

    record ConnectRequest(String apiKey, String accountSid) {
    }

    record Items(List<ProviderAccountService.Integration> items) {
    }

    private final ProviderAccountService accounts;

    IntegrationsApiController(ProviderAccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/integrations")
    @Operation(summary = "Each provider and whether the organization uses the platform's account or its own (last 4 characters only)")
    Items list() {
        return new Items(accounts.integrations());
    }

    @PutMapping("/api/v1/integrations/{provider}")
    @Operation(summary = "Use the organization's own account: checked with the vendor, then kept encrypted")
    ProviderAccountService.Integration connect(@PathVariable String provider, @RequestBody ConnectRequest body) {
        return accounts.connect(provider, body.apiKey(), body.accountSid());
    }

    @DeleteMapping("/api/v1/integrations/{provider}")
    @Operation(summary = "Go back to the platform's account")
    ResponseEntity<Void> disconnect(@PathVariable String provider) {
        accounts.disconnect(provider);
        return ResponseEntity.noContent().build();
    }
}
