package dev.switchboard.calls.internal.api;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Call records, and single outbound calls. */
@RestController
@Tag(name = "Calls")
class CallsApiController {

    private final CallService calls;

    CallsApiController(CallService calls) {
        this.calls = calls;
    }

    @PostMapping("/api/v1/calls")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Call one number now from the primary number, with the given agent (default: the number's outbound agent)")
    ResponseEntity<CallService.Call> start(@RequestBody(required = false) CallService.StartCall body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(calls.start(body));
    }

    @GetMapping("/api/v1/calls")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Calls, newest first, filtered by status, disposition, direction, agentId, creation time (from, to) or q (number, contact name, CRM id)")
    CursorPage<CallService.Call> list(@RequestParam(required = false) String status,
                                      @RequestParam(required = false) String disposition,
                                      @RequestParam(required = false) String direction,
                                      @RequestParam(required = false) UUID agentId,
                                      @RequestParam(required = false) Instant from,
                                      @RequestParam(required = false) Instant to,
                                      @RequestParam(required = false) String q,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        return calls.list(new CallService.Filters(status, disposition, direction, agentId, from, to, q), limit, cursor);
    }

    @GetMapping("/api/v1/calls/{id}")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "One call with its timeline of provider events")
    CallService.Call get(@PathVariable UUID id) {
        return calls.find(id);
    }
}
