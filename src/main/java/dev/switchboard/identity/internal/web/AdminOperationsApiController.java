package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobKey;
import dev.switchboard.platform.JobsAdmin;
import dev.switchboard.platform.MailOutbox;
import dev.switchboard.platform.OutboxMail;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Background jobs and the mail outbox, for platform administrators. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Platform administration")
class AdminOperationsApiController {

    private final JobsAdmin jobs;
    private final MailOutbox outbox;
    private final AuditLog audit;

    AdminOperationsApiController(JobsAdmin jobs, MailOutbox outbox, AuditLog audit) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping("/jobs")
    @Operation(summary = "Jobs by state: scheduled, running, failed or parked (page numbers from 1)")
    Page<?> jobs(@RequestParam(defaultValue = "scheduled") String state, @RequestParam(defaultValue = "1") int page,
                 @RequestParam(defaultValue = "50") int size) {
        PageRequest request = pageRequest(page, size);
        return switch (state) {
            case "scheduled" -> jobs.scheduled(request);
            case "running" -> jobs.running(request);
            case "failed" -> jobs.failed(request);
            case "parked" -> jobs.parked(request);
            default -> throw ApiProblem.validation("state", "must be one of scheduled, running, failed, parked");
        };
    }

    @PostMapping("/jobs/{task}/{instance}/retry")
    @Operation(summary = "Run a scheduled, failed or parked job now, with fresh attempts")
    ResponseEntity<Void> retry(@PathVariable String task, @PathVariable String instance) {
        if (!jobs.retry(new JobKey(task, instance))) {
            throw ApiProblem.notFound("Job " + task + "/" + instance);
        }
        audit.recordPlatform(new AuditEntry("job.retried", "job", task + "/" + instance, Map.of()), null);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/jobs/{task}/{instance}")
    @Operation(summary = "Cancel a scheduled, failed or parked job")
    ResponseEntity<Void> cancel(@PathVariable String task, @PathVariable String instance) {
        if (!jobs.cancel(new JobKey(task, instance))) {
            throw ApiProblem.notFound("Job " + task + "/" + instance);
        }
        audit.recordPlatform(new AuditEntry("job.cancelled", "job", task + "/" + instance, Map.of()), null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/outbox")
    @Operation(summary = "E-mails sent or captured, newest first (page numbers from 1)")
    Page<OutboxMail> outbox(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        return outbox.list(pageRequest(page, size));
    }

    @GetMapping("/outbox/{id}")
    @Operation(summary = "One e-mail of the outbox")
    OutboxMail mail(@PathVariable UUID id) {
        return outbox.find(id).orElseThrow(() -> ApiProblem.notFound("E-mail " + id));
    }

    static PageRequest pageRequest(int page, int size) {
        if (page < 1) {
            throw ApiProblem.validation("page", "must be 1 or more");
        }
        if (size < 1 || size > 200) {
            throw ApiProblem.validation("size", "must be between 1 and 200");
        }
        return new PageRequest(page - 1, size);
    }
}
