package dev.switchboard.telephony.internal;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.telephony.AgentDirectory;
import dev.switchboard.telephony.PrimaryNumber;
import dev.switchboard.telephony.internal.numbers.NumberService;
import dev.switchboard.telephony.internal.numbers.PhoneNumbers;
import dev.switchboard.web.Nav;
import dev.switchboard.web.PhoneNumbersView;
import dev.switchboard.web.SelectOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Phone Numbers page: the organization's numbers with the agents that answer and call from
 * them, which one is primary, and whether outbound calls can be placed. Platform administrators
 * assign the numbers; organization admins choose the agents and the primary number.
 */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class PhoneNumberPagesController {

    private final Pages pages;
    private final NumberService numbers;
    private final List<AgentDirectory> agents;

    PhoneNumberPagesController(Pages pages, NumberService numbers, List<AgentDirectory> agents) {
        this.pages = pages;
        this.numbers = numbers;
        this.agents = agents;
    }

    @GetMapping("/phone-numbers")
    String phoneNumbers(Model model) {
        List<PhoneNumbersView.Number> list = numbers.organizationNumbers().stream()
                .sorted(Comparator.comparing(PhoneNumbers.AssignedNumber::primary).reversed()
                        .thenComparing(PhoneNumbers.AssignedNumber::e164))
                .map(n -> new PhoneNumbersView.Number(n.id().toString(), n.e164(), n.displayName(), n.provider(), n.status(),
                        n.primary(), text(n.inboundAgentId()), text(n.outboundAgentId())))
                .toList();
        List<SelectOption> choices = agents.stream().flatMap(a -> a.choices().stream())
                .sorted(Comparator.comparing(AgentDirectory.AgentChoice::name, String.CASE_INSENSITIVE_ORDER))
                .map(a -> new SelectOption(a.id().toString(), "active".equals(a.status()) ? a.name() : a.name() + " (" + a.status() + ")"))
                .toList();
        String readyFrom = null;
        String notReady = null;
        try {
            PrimaryNumber primary = numbers.requirePrimaryForOutbound();
            readyFrom = primary.displayName() == null || primary.displayName().isBlank() ? primary.e164()
                    : primary.displayName() + " (" + primary.e164() + ")";
        } catch (ApiProblem problem) {
            notReady = problem.detail();
        }
        model.addAttribute("page", pages.context("Phone Numbers", Nav.PHONE_NUMBERS));
        model.addAttribute("view", new PhoneNumbersView(list, choices, readyFrom, notReady,
                Actors.require().can(Permission.NUMBERS_MANAGE)));
        return "app/phone-numbers";
    }

    @PostMapping("/phone-numbers/{id}/agents")
    String setAgents(@PathVariable UUID id, @RequestParam(required = false) String inboundAgentId,
                     @RequestParam(required = false) String outboundAgentId, RedirectAttributes redirect) {
        try {
            numbers.setAgents(id, uuid("inboundAgentId", inboundAgentId), uuid("outboundAgentId", outboundAgentId));
            String e164 = numbers.organizationNumbers().stream().filter(n -> n.id().equals(id))
                    .map(PhoneNumbers.AssignedNumber::e164).findFirst().orElse("the number");
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The agents of " + e164 + " are saved.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/phone-numbers";
    }

    @PostMapping("/phone-numbers/{id}/primary")
    String makePrimary(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            numbers.makePrimary(id);
            String e164 = numbers.organizationNumbers().stream().filter(n -> n.id().equals(id))
                    .map(PhoneNumbers.AssignedNumber::e164).findFirst().orElse("The number");
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, e164 + " is now the primary number.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/phone-numbers";
    }

    static void flashOrThrow(ApiProblem problem, RedirectAttributes redirect) {
        int status = problem.status().value();
        if (status == 401 || status == 403 || status == 404) {
            throw problem;
        }
        String message = problem.errors().isEmpty() ? problem.detail()
                : problem.errors().stream().map(e -> label(e.field()) + " " + e.message())
                        .reduce((a, b) -> a + "; " + b).orElse(problem.detail()) + ".";
        redirect.addFlashAttribute(Pages.FLASH_DANGER, message);
    }

    private static String label(String field) {
        return switch (field) {
            case "inboundAgentId" -> "The inbound agent";
            case "outboundAgentId" -> "The outbound agent";
            default -> field;
        };
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(field, "is not one of your organization's agents");
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
