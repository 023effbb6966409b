package dev.switchboard.messaging.internal;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Nav;
import dev.switchboard.web.NotificationsView;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings › Notifications: who receives the organization's e-mails, for which events, and what was sent. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class NotificationPagesController {

    private static final Map<NotificationPreferences.Event, String> DESCRIPTIONS = Map.of(
            NotificationPreferences.Event.CAMPAIGN_STARTED, "When a campaign begins calling, with its number of contacts.",
            NotificationPreferences.Event.CAMPAIGN_COMPLETED, "When a campaign finishes, with its results and a link to its export.",
            NotificationPreferences.Event.CAMPAIGN_FAILED, "When a campaign stops on an error, with the reason and what to do.");

    private final Pages pages;
    private final NotificationPreferences preferences;
    private final NotificationDeliveries deliveries;

    NotificationPagesController(Pages pages, NotificationPreferences preferences, NotificationDeliveries deliveries) {
        this.pages = pages;
        this.preferences = preferences;
        this.deliveries = deliveries;
    }

    @GetMapping("/settings/notifications")
    String show(Model model) {
        NotificationPreferences.Preferences current = preferences.current();
        return render(model, String.join("\n", current.recipients()), current, FormErrors.none());
    }

    @PostMapping("/settings/notifications")
    String save(@RequestParam(required = false) String recipients, @RequestParam(required = false) List<String> events,
                HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Set<String> checked = events == null ? Set.of() : Set.copyOf(events);
        List<String> addresses = recipients == null ? List.of()
                : Arrays.stream(recipients.split("[\\r\\n,;]+")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        try {
            preferences.change(new NotificationPreferences.Change(addresses,
                    checked.contains(NotificationPreferences.Event.CAMPAIGN_STARTED.key),
                    checked.contains(NotificationPreferences.Event.CAMPAIGN_COMPLETED.key),
                    checked.contains(NotificationPreferences.Event.CAMPAIGN_FAILED.key)));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "Notification settings saved.");
            return "redirect:/settings/notifications";
        } catch (ApiProblem problem) {
            if (problem.status().value() != 422 && problem.status().value() != 400) {
                throw problem;
            }
            response.setStatus(problem.status().value());
            Map<String, String> fields = new LinkedHashMap<>();
            problem.errors().forEach(e -> fields.put("recipients", capitalized(e.message())));
            return render(model, recipients == null ? "" : recipients, preferences.current(),
                    fields.isEmpty() ? FormErrors.summary(problem.detail()) : FormErrors.of(fields));
        }
    }

    private String render(Model model, String recipients, NotificationPreferences.Preferences current, FormErrors errors) {
        List<NotificationsView.Event> events = Arrays.stream(NotificationPreferences.Event.values())
                .map(e -> new NotificationsView.Event(e.key, e.label, DESCRIPTIONS.get(e), current.enabled(e)))
                .toList();
        List<NotificationsView.Delivery> sent = deliveries.recent(20).stream()
                .map(d -> new NotificationsView.Delivery(label(d.event()), d.subjectName(), d.recipient(), d.status(),
                        d.lastError(), d.createdAt()))
                .toList();
        model.addAttribute("page", pages.context("Notifications", Nav.SETTINGS_NOTIFICATIONS));
        model.addAttribute("view", new NotificationsView(recipients, current.effectiveRecipients(),
                current.recipients().isEmpty(), events, sent, Actors.require().can(Permission.SETTINGS_MANAGE), errors));
        return "settings/notifications";
    }

    private static String label(String key) {
        return Arrays.stream(NotificationPreferences.Event.values()).filter(e -> e.key.equals(key)).map(e -> e.label)
                .findFirst().orElse(key);
    }

    private static String capitalized(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
