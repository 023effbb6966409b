package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.identity.internal.apikeys.ApiKeyService;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the caller's organization. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys")
@RequiresPermission(Permission.API_KEYS_MANAGE)
class ApiKeysApiController {

    record CreateKeyRequest(String name, List<String> scopes, Instant expiresAt) {
    }

    record CreatedKeyResponse(ApiKeyService.ApiKey key, String secret, String notice) {
    }

    private final ApiKeyService keys;

    ApiKeysApiController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "List the organization's API keys, newest first (secrets are never returned)")
    CursorPage<ApiKeyService.ApiKey> list(@RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        return keys.list(limit, cursor);
    }

    @PostMapping
    @Operation(summary = "Create an API key; its secret is in this response only")
    ResponseEntity<CreatedKeyResponse> create(@RequestBody CreateKeyRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(response(keys.create(body.name(), body.scopes(), body.expiresAt())));
    }

    @PostMapping("/{id}/rotate")
    @Operation(summary = "Replace a key with a new secret; the old secret stops working at once")
    ResponseEntity<CreatedKeyResponse> rotate(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(response(keys.rotate(id)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(id);
        return ResponseEntity.noContent().build();
    }

    private static CreatedKeyResponse response(ApiKeyService.CreatedKey created) {
        return new CreatedKeyResponse(created.key(), created.secret(),
                "Copy this key now: Switchboard keeps only a hash and cannot show it again.");
    }
}
