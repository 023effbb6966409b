package dev.switchboard.telephony.internal.numbers;

import dev.switchboard.platform.CursorPage;
import dev.switchboard.telephony.PrimaryNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Phone numbers: the organization's own, and the platform inventory for platform administrators. */
@RestController
@Tag(name = "Phone numbers")
class PhoneNumbersApiController {

    record AgentsRequest(UUID inboundAgentId, UUID outboundAgentId) {
    }

    record AddRequest(String number, String displayName, String provider, String status) {
    }

    record ChangeRequest(String displayName, String status) {
    }

    record AssignRequest(UUID organizationId) {
    }

    record Items<T>(List<T> items) {
    }

    private final NumberService service;

    PhoneNumbersApiController(NumberService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/phone-numbers")
    @Operation(summary = "The organization's phone numbers, primary first")
    Items<PhoneNumbers.AssignedNumber> list() {
        return new Items<>(service.organizationNumbers());
    }

    @GetMapping("/api/v1/phone-numbers/readiness")
    @Operation(summary = "Whether outbound calls can start: 200 with the primary number, or 409 saying what to fix")
    PrimaryNumber readiness() {
        return service.requirePrimaryForOutbound();
    }

    @PostMapping("/api/v1/phone-numbers/{id}/primary")
    @Operation(summary = "Make a number the organization's primary number")
    ResponseEntity<Void> makePrimary(@PathVariable UUID id) {
        service.makePrimary(id);
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/api/v1/phone-numbers/{id}")
    @Operation(summary = "Set the agents answering (inbound) and placing (outbound) calls on a number")
    ResponseEntity<Void> setAgents(@PathVariable UUID id, @RequestBody AgentsRequest body) {
        service.setAgents(id, body.inboundAgentId(), body.outboundAgentId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/phone-numbers")
    @Operation(summary = "The platform's phone number inventory")
    CursorPage<PhoneNumbers.InventoryNumber> inventory(@RequestParam(required = false) Integer limit,
                                                      @RequestParam(required = false) String cursor) {
        return service.inventory(limit, cursor);
    }

    @PostMapping("/api/v1/admin/phone-numbers")
    @Operation(summary = "Add a number to the inventory")
    ResponseEntity<PhoneNumbers.InventoryNumber> add(@RequestBody AddRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(service.add(body.number(), body.displayName(), body.provider(), body.status()));
    }

    @PatchMapping("/api/v1/admin/phone-numbers/{id}")
    @Operation(summary = "Rename a number or change its status")
    PhoneNumbers.InventoryNumber change(@PathVariable UUID id, @RequestBody ChangeRequest body) {
        return service.change(id, body.displayName(), body.status());
    }

    @PostMapping("/api/v1/admin/phone-numbers/{id}/assignments")
    @Operation(summary = "Assign a number to an organization (its first number becomes primary)")
    ResponseEntity<Map<String, Object>> assign(@PathVariable UUID id, @RequestBody AssignRequest body) {
        if (body.organizationId() == null) {
            throw dev.switchboard.platform.ApiProblem.validation("organizationId", "is required");
        }
        service.assign(id, body.organizationId());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("phoneNumberId", id, "organizationId", body.organizationId()));
    }

    @DeleteMapping("/api/v1/admin/phone-numbers/{id}/assignments/{organizationId}")
    @Operation(summary = "Remove a number from an organization")
    ResponseEntity<Void> unassign(@PathVariable UUID id, @PathVariable UUID organizationId) {
        service.unassign(id, organizationId);
        return ResponseEntity.noContent().build();
    }
}
