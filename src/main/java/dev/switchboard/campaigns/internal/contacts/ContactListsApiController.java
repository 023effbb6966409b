package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.campaigns.ContactLists;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Contact lists: upload (imported in the background), status and progress, report, contacts. */
@RestController
@Tag(name = "Contact lists")
class ContactListsApiController {

    private final ContactListService lists;

    ContactListsApiController(ContactListService lists) {
        this.lists = lists;
    }

    /** The list as the API shows it, with where to follow its import. */
    record ListResponse(ContactLists.Summary list, String statusUrl, String rejectionsCsvUrl) {

        static ListResponse of(ContactLists.Summary list) {
            String base = "/api/v1/contact-lists/" + list.id();
            return new ListResponse(list, base, base + "/rejections.csv");
        }
    }

    @PostMapping(value = "/api/v1/contact-lists", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Upload a CSV or XLSX contact list (multipart: file, name); it is imported in the background: "
            + "follow statusUrl until status is ready or failed")
    ResponseEntity<ListResponse> upload(@RequestPart(name = "file", required = false) MultipartFile file,
                                        @RequestParam(required = false) String name) {
        ContactLists.Summary list = lists.upload(name, file);
        ListResponse body = ListResponse.of(list);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(body.statusUrl())).body(body);
    }

    @GetMapping("/api/v1/contact-lists")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Contact lists, newest first")
    CursorPage<ContactLists.Summary> list(@RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        return lists.list(limit, cursor);
    }

    @GetMapping("/api/v1/contact-lists/{id}")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "One contact list: status, progress (rowsRead), counts and columns")
    ListResponse get(@PathVariable UUID id) {
        return ListResponse.of(lists.find(id));
    }

    @GetMapping("/api/v1/contact-lists/{id}/rejections")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The rejected rows of a list in row order: row, line, column, value and reason")
    CursorPage<RejectedRow> rejections(@PathVariable UUID id,
                                                          @RequestParam(required = false) Integer limit,
                                                          @RequestParam(required = false) String cursor) {
        return lists.rejections(id, limit, cursor);
    }

    @GetMapping("/api/v1/contact-lists/{id}/rejections.csv")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The rejected rows of a list as a CSV file")
    void rejectionsCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        lists.find(id);
        RejectionsDownload.send(response, id, lists);
    }

    @GetMapping("/api/v1/contact-lists/{id}/contacts")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The accepted contacts of a list in row order, with their variables and do-not-call flag")
    CursorPage<ContactLists.Contact> contacts(@PathVariable UUID id, @RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) String cursor) {
        return lists.contacts(id, limit, cursor);
    }

    @DeleteMapping("/api/v1/contact-lists/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Delete a contact list with its contacts and report")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        lists.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Sends the rejection report as an attachment named after the list. */
    static final class RejectionsDownload {

        private RejectionsDownload() {
        }

        static void send(HttpServletResponse response, UUID id, ContactListService lists) throws IOException {
            response.setContentType("text/csv;charset=UTF-8");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Content-Disposition", "attachment; filename=\"rejected-rows-" + id + ".csv\"");
            lists.writeRejectionsCsv(id, response.getWriter());
            response.getWriter().flush();
        }
    }
}
