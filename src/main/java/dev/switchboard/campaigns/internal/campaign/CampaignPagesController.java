package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.web.Formats;
import dev.switchboard.web.Nav;
import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Campaigns pages: the list with a creation form, and each campaign's live page. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class CampaignPagesController {

    private final Pages pages;
    private final CampaignService campaigns;
    private final CampaignReports reports;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CampaignPagesController(Pages pages, CampaignService campaigns, CampaignReports reports, JdbcClient jdbc,
                            TransactionTemplate tx) {
        this.pages = pages;
        this.campaigns = campaigns;
        this.reports = reports;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @GetMapping("/campaigns")
    String campaigns(@RequestParam(required = false) String cursor, Model model) {
        CursorPage<CampaignService.Campaign> page = campaigns.list(null, 50, cursor);
        UUID organization = TenantScope.requireOrganization();
        List<SelectOption> agents = tx.execute(s -> jdbc.sql("select id::text, name from agents where organization_id = ? order by lower(name)")
                .param(organization).query((rs, n) -> new SelectOption(rs.getString(1), rs.getString(2))).list());
        List<SelectOption> lists = tx.execute(s -> jdbc.sql("""
                        select id::text, name, accepted_count from contact_lists
                        where organization_id = ? and status = 'ready' order by created_at desc limit 200""")
                .param(organization).query((rs, n) -> new SelectOption(rs.getString(1),
                        rs.getString(2) + " (" + Formats.number(rs.getInt(3)) + " contacts)")).list());
        String zone = tx.execute(s -> jdbc.sql("select time_zone from organizations where id = ?").param(organization)
                .query(String.class).single());
        model.addAttribute("page", pages.context("Campaigns", Nav.CAMPAIGNS));
        model.addAttribute("view", new CampaignPages.ListView(page.items(),
                pagination(cursor, page.nextCursor()), canRun(), agents, lists, zone, providerBatches()));
        return "app/campaigns";
    }

    @PostMapping("/campaigns")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) UUID agentId,
                  @RequestParam(required = false) UUID contactListId, @RequestParam(required = false) Integer concurrency,
                  @RequestParam(required = false) String startAt, @RequestParam(required = false) String timeZone,
                  @RequestParam(required = false) Integer maxAttempts,
                  @RequestParam(required = false) Integer retryDelayMinutes,
                  @RequestParam(required = false) String dispatchMode, RedirectAttributes redirect) {
        try {
            CampaignService.Campaign created = campaigns.create(new CampaignService.CreateCampaign(name, agentId,
                    contactListId, startAt, timeZone, concurrency, maxAttempts, retryDelayMinutes, null, dispatchMode));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "“" + created.name() + "” is ready; start it when you are.");
            return "redirect:/campaigns/" + created.id();
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute(Pages.FLASH_DANGER, message(problem));
            return "redirect:/campaigns";
        }
    }

    /** Whether to offer provider batches: only when the organization's voice provider has them (and is reachable). */
    private boolean providerBatches() {
        try {
            return campaigns.providerBatches();
        } catch (ProviderException | ApiProblem unavailable) {
            return false;
        }
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable UUID id, Model model) {
        CampaignService.Campaign campaign = campaigns.find(id);
        model.addAttribute("page", pages.context(campaign.name(), Nav.CAMPAIGNS));
        model.addAttribute("view", new CampaignPages.DetailView(campaign, reports.latestCalls(id, 50), canRun()));
        return "app/campaign";
    }

    /** The live part of the page, fetched again on every {@code campaign-progress} event. */
    @GetMapping("/campaigns/{id}/live")
    String live(@PathVariable UUID id, Model model) {
        CampaignService.Campaign campaign = campaigns.find(id);
        model.addAttribute("view", new CampaignPages.DetailView(campaign, reports.latestCalls(id, 50), canRun()));
        return "app/campaign-live";
    }

    @PostMapping("/campaigns/{id}/{action:start|pause|resume|cancel}")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String act(@PathVariable UUID id, @PathVariable String action, RedirectAttributes redirect) {
        return acting(id, redirect, () -> switch (action) {
            case "start" -> campaigns.start(id);
            case "pause" -> campaigns.pause(id);
            case "resume" -> campaigns.resume(id);
            default -> campaigns.cancel(id);
        });
    }

    /** Moves the campaign's start; the time is read in the campaign's own time zone, as the form shows it. */
    @PostMapping("/campaigns/{id}/schedule")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String reschedule(@PathVariable UUID id, @RequestParam(required = false) String startAt, RedirectAttributes redirect) {
        return acting(id, redirect, () -> campaigns.reschedule(id,
                new CampaignService.ChangeSchedule(startAt, campaigns.find(id).schedule().timeZone())));
    }

    /** Does {@code action} and says what became of the campaign, or why it could not be done. */
    private String acting(UUID id, RedirectAttributes redirect, Supplier<CampaignService.Campaign> action) {
        try {
            CampaignService.Campaign campaign = action.get();
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "“" + campaign.name() + "” is " + campaign.status()
                    + (campaign.status().equals("scheduled") ? " for " + campaign.schedule().localStartAt().replace('T', ' ')
                            + " (" + campaign.schedule().timeZone() + ")" : "") + ".");
        } catch (ApiProblem problem) {
            if (problem.status().value() == 404 || problem.status().value() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute(Pages.FLASH_DANGER, message(problem));
        }
        return "redirect:/campaigns/" + id;
    }

    private static Pagination pagination(String cursor, String nextCursor) {
        return new Pagination(cursor == null || cursor.isBlank() ? null : "/campaigns",
                nextCursor == null ? null : "/campaigns?cursor=" + URLEncoder.encode(nextCursor, StandardCharsets.UTF_8));
    }

    private static String message(ApiProblem problem) {
        return problem.errors().isEmpty() ? problem.detail()
                : problem.errors().stream().map(e -> "The " + e.field() + " " + e.message())
                        .reduce((a, b) -> a + "; " + b).orElse(problem.detail()) + ".";
    }

    private static boolean canRun() {
        return Actors.current().map(a -> a.can(Permission.CAMPAIGNS_RUN)).orElse(false);
    }
}
