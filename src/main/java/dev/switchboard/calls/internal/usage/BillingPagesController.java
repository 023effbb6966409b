package dev.switchboard.calls.internal.usage;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Formats;
import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "Usage &amp; billing" settings page: this month's usage, the rate, and the billed calls. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class BillingPagesController {

    /** The sidebar entry of this page, below Settings. */
    static final String NAV = "settings/billing";
    private static final int PAGE_SIZE = 25;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final List<SelectOption> INCREMENTS = List.of(
            new SelectOption("second", "Per started second"), new SelectOption("minute", "Per started minute"));

    private final Pages pages;
    private final UsageService usage;

    BillingPagesController(Pages pages, UsageService usage) {
        this.pages = pages;
        this.usage = usage;
    }

    @GetMapping("/settings/billing")
    String billing(@RequestParam(defaultValue = "1") int page, Model model) {
        UsageService.Settings settings = usage.billing();
        return render(model, page, settings.ratePerMinuteUsd().toPlainString(), settings.increment(), FormErrors.none());
    }

    @PostMapping("/settings/billing")
    String save(@RequestParam(required = false) String ratePerMinuteUsd, @RequestParam(required = false) String increment,
                HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            usage.changeBilling(new UsageService.ChangeBilling(amount(ratePerMinuteUsd), increment));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The billing settings are saved. They apply to calls that end from now on.");
            return "redirect:/settings/billing";
        } catch (ApiProblem problem) {
            int status = problem.status().value();
            if (status == 401 || status == 403 || status == 404) {
                throw problem;
            }
            response.setStatus(status);
            return render(model, 1, ratePerMinuteUsd, increment, errors(problem));
        }
    }

    private String render(Model model, int pageNumber, String rateTyped, String increment, FormErrors errors) {
        UsageService.Summary summary = usage.summary(null, null);
        PageRequest request = new PageRequest(Math.max(1, pageNumber) - 1, PAGE_SIZE);
        Page<UsageService.Entry> history = usage.historyPage(request);
        String base = "/settings/billing?page=";
        Pagination pagination = new Pagination(request.page() == 0 ? null : base + request.page(),
                history.hasNext() ? base + (request.page() + 2) : null);
        UsageService.Amounts month = summary.currentPeriod().usage();
        UsageService.Amounts totals = summary.totals();
        model.addAttribute("page", pages.context("Usage & billing", NAV));
        model.addAttribute("view", new BillingPageView(MONTH.format(summary.currentPeriod().start()), summary.timeZone(),
                minutes(month.minutes()), money(month.costUsd()), Formats.number(month.calls()), rate(summary.billing()),
                Formats.number(totals.calls()) + " calls, " + minutes(totals.minutes()) + " minutes, "
                        + money(totals.costUsd()) + " since the organization was created",
                rateTyped, increment, INCREMENTS, Actors.require().can(Permission.BILLING_MANAGE), errors,
                history.items().stream().map(BillingPagesController::row).toList(), pagination));
        return "settings/billing";
    }

    private static BillingPageView.Row row(UsageService.Entry e) {
        return new BillingPageView.Row(e.callId().toString(), e.callEndedAt(), e.number() == null ? Formats.NONE : e.number(),
                e.direction(), clock(e.durationSeconds()), clock(e.billableSeconds()),
                "$" + e.ratePerMinuteUsd().toPlainString() + "/min", "$" + e.costUsd().setScale(4, RoundingMode.HALF_UP));
    }

    private static String rate(UsageService.Settings settings) {
        return "$" + settings.ratePerMinuteUsd().toPlainString() + " per minute, billed per started "
                + settings.increment();
    }

    /** "1:01" for 61 seconds; "1:02:03" past an hour. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? "%d:%02d:%02d".formatted(h, m, s) : "%d:%02d".formatted(m, s);
    }

    static String money(BigDecimal usd) {
        return "$" + String.format(Locale.ENGLISH, "%,.2f", usd.setScale(2, RoundingMode.HALF_UP));
    }

    private static String minutes(BigDecimal minutes) {
        return String.format(Locale.ENGLISH, "%,.2f", minutes);
    }

    /** The typed rate; text that is no number is refused here with the form's own words. */
    private static BigDecimal amount(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(typed.trim().replace("$", ""));
        } catch (NumberFormatException e) {
            throw ApiProblem.validation("ratePerMinuteUsd", "must be a number of US dollars, such as 0.25");
        }
    }

    private static FormErrors errors(ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            return FormErrors.summary(problem.detail());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        problem.errors().forEach(e -> fields.put(e.field(),
                Character.toUpperCase(e.message().charAt(0)) + e.message().substring(1)));
        return FormErrors.of(fields);
    }
}
