package dev.switchboard.calls.internal.api;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.TenantScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Call records, their export, recordings and transcripts, and single outbound calls. */
@RestController
@Tag(name = "Calls")
class CallsApiController {

    private final CallService calls;
    private final CallExport export;
    private final CallRecordings recordings;

    CallsApiController(CallService calls, CallExport export, CallRecordings recordings) {
        this.calls = calls;
        this.export = export;
        this.recordings = recordings;
    }

    /** The recording link as the API returns it: the full address, and when it stops working. */
    record SharedRecording(String url, Instant expiresAt) {
    }

    @PostMapping("/api/v1/calls")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Call one number now from the primary number, with the given agent (default: the number's outbound agent)")
    ResponseEntity<CallService.Call> start(@RequestBody(required = false) CallService.StartCall body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(calls.start(body));
    }

    @GetMapping("/api/v1/calls")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Calls, filtered and sorted (sort: -createdAt (default), createdAt, -duration, duration, -cost, cost), "
            + "paged by cursor. from/to: a day (YYYY-MM-DD, in the organization's time zone; 'to' includes the day) or an instant. "
            + "q: part of a number, contact name or CRM id.")
    CursorPage<CallService.Call> list(@ParameterObject CallSearch.Query query,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        return calls.list(query.filters(), query.order(), limit, cursor);
    }

    /**
     * Written in the request's own thread: rows go out as they are read (the servlet's buffer is
     * flushed as it fills), and the request keeps its authentication to the end, which an
     * asynchronous body would lose at its completion dispatch.
     */
    @GetMapping(value = "/api/v1/calls/export.csv", produces = "text/csv")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Every call matching the list's filters, as CSV (RFC 4180, UTF-8), streamed; same filters and sort as the list")
    void export(@ParameterObject CallSearch.Query query, HttpServletResponse response) throws IOException {
        CallExport.Csv csv = export.export(query.filters(), query.order());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(csv.fileName()).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        csv.body().writeTo(response.getOutputStream());
        response.flushBuffer();
    }

    @GetMapping("/api/v1/calls/{id}")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "One call with its timeline of provider events")
    CallService.Call get(@PathVariable UUID id) {
        return calls.find(id);
    }

    @GetMapping(value = "/api/v1/calls/{id}/transcript.txt", produces = "text/plain")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The call's transcript as a text file, one line per turn with its time and speaker")
    ResponseEntity<String> transcript(@PathVariable UUID id) {
        CallService.Call call = calls.find(id);
        String text = TranscriptText.of(call, calls.timeZone(TenantScope.requireOrganization()));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("call-" + id + "-transcript.txt").build().toString())
                .body(text);
    }

    @PostMapping("/api/v1/calls/{id}/recording/share")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "A link to the call's recording that plays without signing in, for 24 hours (audited)")
    ResponseEntity<SharedRecording> share(@PathVariable UUID id) {
        CallRecordings.Shared shared = recordings.share(id);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path(shared.path()).toUriString();
        return ResponseEntity.status(HttpStatus.CREATED).body(new SharedRecording(url, shared.expiresAt()));
    }

    @DeleteMapping("/api/v1/calls/{id}/recording")
    @RequiresPermission(Permission.RECORDINGS_DELETE)
    @Operation(summary = "Delete the call's recording for good (administrators; audited); shared links stop working")
    ResponseEntity<Void> deleteRecording(@PathVariable UUID id) {
        recordings.delete(id);
        return ResponseEntity.noContent().build();
    }
}
