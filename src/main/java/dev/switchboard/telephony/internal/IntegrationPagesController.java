package dev.switchboard.telephony.internal;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.telephony.internal.accounts.ProviderAccountService;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.IntegrationsView;
import dev.switchboard.web.Nav;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Integrations settings page: for each provider, whether the organization uses the
 * platform's account or its own, and (for admins) the forms to connect its own credentials or go
 * back to the platform's account.
 */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class IntegrationPagesController {

    private static final Map<String, String> NAMES = Map.of("retell", "Retell", "vapi", "Vapi", "twilio", "Twilio");

    private final Pages pages;
    private final ProviderAccountService accounts;

    IntegrationPagesController(Pages pages, ProviderAccountService accounts) {
        this.pages = pages;
        this.accounts = accounts;
    }

    @GetMapping("/settings/integrations")
    String integrations(Model model) {
        return render(model, null, null, FormErrors.none());
    }

    @PostMapping("/settings/integrations/{provider}")
    String connect(@PathVariable String provider, @RequestParam(required = false) String apiKey,
                   @RequestParam(required = false) String accountSid, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        try {
            ProviderAccountService.Integration connected = accounts.connect(provider, apiKey, accountSid);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, name(connected.provider()) + " now uses your own account (key ending in "
                    + connected.keyLastFour() + ").");
            return "redirect:/settings/integrations";
        } catch (ApiProblem problem) {
            int status = problem.status().value();
            if (status == 401 || status == 403 || status == 404 || !NAMES.containsKey(provider)) {
                throw problem;
            }
            response.setStatus(status);
            return render(model, provider, accountSid, errors(problem));
        }
    }

    @PostMapping("/settings/integrations/{provider}/disconnect")
    String disconnect(@PathVariable String provider, RedirectAttributes redirect) {
        try {
            accounts.disconnect(provider);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, name(provider) + " now uses the platform's account.");
        } catch (ApiProblem problem) {
            PhoneNumberPagesController.flashOrThrow(problem, redirect);
        }
        return "redirect:/settings/integrations";
    }

    private String render(Model model, String failedProvider, String accountSid, FormErrors errors) {
        List<IntegrationsView.Provider> providers = accounts.integrations().stream()
                .map(i -> {
                    boolean failed = i.provider().equals(failedProvider);
                    Object storedSid = i.settings() == null ? null : i.settings().get("accountSid");
                    return new IntegrationsView.Provider(i.provider(), name(i.provider()), "own".equals(i.mode()),
                            i.keyLastFour(), i.validatedAt(), i.platformAccountAvailable(),
                            failed ? accountSid : storedSid == null ? null : storedSid.toString(),
                            failed ? errors : FormErrors.none());
                })
                .toList();
        model.addAttribute("page", pages.context("Integrations", Nav.SETTINGS_INTEGRATIONS));
        model.addAttribute("view", new IntegrationsView(providers, Actors.require().can(Permission.INTEGRATIONS_MANAGE)));
        return "settings/integrations";
    }

    /** Problems without a field (the provider refused the key) are shown next to the key. */
    private static FormErrors errors(ApiProblem problem) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (problem.errors().isEmpty()) {
            fields.put("apiKey", problem.detail());
        }
        for (ApiProblem.FieldError error : problem.errors()) {
            String message = error.message();
            fields.put(error.field(), message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1));
        }
        return FormErrors.of(fields);
    }

    private static String name(String provider) {
        return NAMES.getOrDefault(provider, provider);
    }
}
