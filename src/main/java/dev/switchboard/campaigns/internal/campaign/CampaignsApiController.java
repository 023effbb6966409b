package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.TenantScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outbound campaigns: create, read, start, reschedule, pause, resume, cancel, statistics and the CSV of their calls. */
@RestController
@Tag(name = "Campaigns")
class CampaignsApiController {

    private final CampaignService campaigns;
    private final CampaignReports reports;

    CampaignsApiController(CampaignService campaigns, CampaignReports reports) {
        this.campaigns = campaigns;
        this.reports = reports;
    }

    @PostMapping("/api/v1/campaigns")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Create a campaign (pending until started): name, agentId, contactListId, concurrency, optional startAt in timeZone, retries")
    ResponseEntity<CampaignService.Campaign> create(@RequestBody(required = false) CampaignService.CreateCampaign body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.create(body));
    }

    @GetMapping("/api/v1/campaigns")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Campaigns, newest first, optionally by status")
    CursorPage<CampaignService.Campaign> list(@RequestParam(required = false) String status,
                                              @RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) String cursor) {
        return campaigns.list(status, limit, cursor);
    }

    @GetMapping("/api/v1/campaigns/{id}")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "One campaign: state, progress with estimated completion, settings")
    CampaignService.Campaign get(@PathVariable UUID id) {
        return campaigns.find(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/start")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Start a pending campaign (now, or at its start time) after the primary-number checks")
    CampaignService.Campaign start(@PathVariable UUID id) {
        return campaigns.start(id);
    }

    @PutMapping("/api/v1/campaigns/{id}/schedule")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Move the start of a pending or scheduled campaign: startAt in timeZone; empty starts a scheduled campaign now")
    CampaignService.Campaign reschedule(@PathVariable UUID id,
                                        @RequestBody(required = false) CampaignService.ChangeSchedule body) {
        return campaigns.reschedule(id, body);
    }

    @PostMapping("/api/v1/campaigns/{id}/pause")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Pause a running campaign; calls in flight finish")
    CampaignService.Campaign pause(@PathVariable UUID id) {
        return campaigns.pause(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/resume")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Resume a paused campaign")
    CampaignService.Campaign resume(@PathVariable UUID id) {
        return campaigns.resume(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/cancel")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Cancel a campaign that has not ended; nothing more is dialled, calls in flight finish")
    CampaignService.Campaign cancel(@PathVariable UUID id) {
        return campaigns.cancel(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/stats")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Statistics of the campaign's calls: outcomes, success and completion rates, sentiment, cost")
    CampaignReports.CampaignStats stats(@PathVariable UUID id) {
        return reports.stats(id);
    }

    @GetMapping(value = "/api/v1/campaigns/{id}/export.csv", produces = "text/csv")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Every call of the campaign as CSV, streamed: status, duration, analysis, recording link, original variables")
    void export(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        UUID organization = TenantScope.requireOrganization();
        String name = campaigns.find(id).name();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("campaign-" + name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".csv").build().toString());
        // Written page by page straight to the response: a large campaign is never held in memory.
        reports.export(organization, id, response.getOutputStream());
    }
}
