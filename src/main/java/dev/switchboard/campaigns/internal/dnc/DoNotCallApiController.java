package dev.switchboard.campaigns.internal.dnc;

import dev.switchboard.campaigns.DoNotCall;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The organization's do-not-call list. */
@RestController
@Tag(name = "Do not call")
class DoNotCallApiController {

    private final DoNotCallService service;
    private final DoNotCallImport imports;

    DoNotCallApiController(DoNotCallService service, DoNotCallImport imports) {
        this.service = service;
        this.imports = imports;
    }

    /** A number to add, in any format of the organization's region, and why. */
    record AddNumber(String phoneNumber, String reason) {
    }

    @GetMapping("/api/v1/do-not-call")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Numbers on the do-not-call list, newest first; q searches digits of the number and the reason")
    CursorPage<DoNotCallService.Entry> list(@RequestParam(required = false) String q,
                                            @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) String cursor) {
        return service.list(q, limit, cursor);
    }

    @PostMapping("/api/v1/do-not-call")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Add a number (201; 200 with the existing entry when it is already listed)")
    ResponseEntity<DoNotCallService.Entry> add(@RequestBody(required = false) AddNumber body) {
        DoNotCallService.Added added = service.addTyped(body == null ? null : body.phoneNumber(),
                body == null ? null : body.reason(), DoNotCall.Source.API);
        return ResponseEntity.status(added.added() ? HttpStatus.CREATED : HttpStatus.OK).body(added.entry());
    }

    @PostMapping(value = "/api/v1/do-not-call/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Add the numbers of a CSV or XLSX file (column phone_number, or the first column)")
    DoNotCallImport.Report importFile(@RequestPart(name = "file", required = false) MultipartFile file) {
        return imports.importFile(file);
    }

    @DeleteMapping("/api/v1/do-not-call/{number}")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Take a number off the do-not-call list")
    ResponseEntity<Void> remove(@PathVariable String number) {
        service.remove(number);
        return ResponseEntity.noContent().build();
    }
}
