package dev.switchboard.calls.internal.inbox;

import dev.switchboard.identity.Pages;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.web.Pagination;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform administrator's page of provider webhooks that could not be processed. Like the
 * other admin pages, {@code /admin/**} is kept to platform administrators by the security
 * configuration and each handler checks again.
 */
@Controller
class WebhookInboxPagesController {

    /** The sidebar entry of this page, in the platform admin section. */
    static final String NAV = "admin/webhook-inbox";
    private static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final WebhookInboxAdmin inbox;

    WebhookInboxPagesController(Pages pages, WebhookInboxAdmin inbox) {
        this.pages = pages;
        this.inbox = inbox;
    }

    @GetMapping("/admin/webhook-inbox")
    String inbox(@RequestParam(required = false) String tab, @RequestParam(defaultValue = "1") int page,
                 @RequestParam(required = false) UUID event, Model model) {
        WebhookInboxApiController.requirePlatformAdmin();
        WebhookInboxAdmin.Filter shown = tab(tab);
        PageRequest request = new PageRequest(Math.max(1, page) - 1, PAGE_SIZE);
        Page<WebhookInboxAdmin.Event> events = inbox.list(shown, request);
        String base = "/admin/webhook-inbox?tab=" + shown.param() + "&page=";
        Pagination pagination = new Pagination(request.page() == 0 ? null : base + request.page(),
                events.hasNext() ? base + (request.page() + 2) : null);
        WebhookInboxView.Selected selected = null;
        if (event != null) {
            WebhookInboxAdmin.EventWithBody found = inbox.read(event);
            selected = new WebhookInboxView.Selected(event(found.event()), found.event().deliveries(), found.rawBody());
        }
        model.addAttribute("page", pages.context("Webhook inbox", NAV));
        model.addAttribute("view", new WebhookInboxView(shown.param(),
                Arrays.stream(WebhookInboxAdmin.Filter.values())
                        .map(f -> new WebhookInboxView.Tab(f.param(), f.label(), inbox.count(f))).toList(),
                events.items().stream().map(WebhookInboxPagesController::event).toList(), pagination, selected));
        return "admin/webhook-inbox";
    }

    @PostMapping("/admin/webhook-inbox/{id}/replay")
    String replay(@PathVariable UUID id, @RequestParam(required = false) String tab, RedirectAttributes redirect) {
        WebhookInboxApiController.requirePlatformAdmin();
        try {
            WebhookInboxAdmin.Event replayed = inbox.replay(id);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The " + replayed.eventType() + " event is being processed again.");
        } catch (ApiProblem problem) {
            if (problem.status().value() == 404) {
                throw problem;
            }
            redirect.addFlashAttribute(Pages.FLASH_WARNING, problem.detail());
        }
        return "redirect:/admin/webhook-inbox?tab=" + tab(tab).param();
    }

    @PostMapping("/admin/webhook-inbox/replay")
    String replayAll(@RequestParam(required = false) String tab, RedirectAttributes redirect) {
        WebhookInboxApiController.requirePlatformAdmin();
        WebhookInboxAdmin.Filter filter = tab(tab);
        int replayed = inbox.replayAll(filter);
        redirect.addFlashAttribute(replayed == 0 ? Pages.FLASH_INFO : Pages.FLASH_SUCCESS, replayed == 0
                ? "There was nothing to replay."
                : replayed + (replayed == 1 ? " event is" : " events are") + " being processed again.");
        return "redirect:/admin/webhook-inbox?tab=" + filter.param();
    }

    private static WebhookInboxAdmin.Filter tab(String tab) {
        return WebhookInboxAdmin.Filter.of(tab).orElse(WebhookInboxAdmin.Filter.PARKED);
    }

    private static WebhookInboxView.Event event(WebhookInboxAdmin.Event e) {
        return new WebhookInboxView.Event(e.id().toString(), e.provider(), e.eventType(), e.providerCallId(), e.status(),
                e.attempts(), e.lastError(), e.receivedAt(),
                e.subjectOrganizationId() == null ? null : e.subjectOrganizationId().toString());
    }
}
