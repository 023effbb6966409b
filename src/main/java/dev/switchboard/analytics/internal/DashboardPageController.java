package dev.switchboard.analytics.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.CurrentOrganization;
import dev.switchboard.identity.Pages;
import dev.switchboard.web.DashboardView;
import dev.switchboard.web.Nav;
import dev.switchboard.web.UsageMeter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard at {@code /}, where every sign-in lands. Users who work in no organization are
 * sent where they can do something: platform administrators to the organizations they
 * administer, everyone else to a page explaining how to join one.
 */
@Controller
class DashboardPageController {

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private final Pages pages;
    private final CurrentOrganization organization;
    private final Clock clock;

    DashboardPageController(Pages pages, CurrentOrganization organization, Clock clock) {
        this.pages = pages;
        this.organization = organization;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        Actor actor = Actors.require();
        if (actor.organizationId() == null) {
            if (actor.platformAdmin()) {
                return "redirect:/admin/organizations";
            }
            model.addAttribute("page", pages.context("Join an organization", null));
            return "app/no-organization";
        }
        CurrentOrganization.Overview overview = organization.overview();
        // Calls and campaigns count 0 until the calls and campaigns modules record them; the
        // template then shows their empty states.
        long callsThisMonth = 0;
        long activeCampaigns = 0;
        long totalCampaigns = 0;
        // Plans set no limits yet, so the meter shows the minutes used without a bar.
        List<UsageMeter> usage = List.of(new UsageMeter("Call minutes", minutes(overview.minutesThisMonth()), null, "min"));
        model.addAttribute("page", pages.context("Dashboard", Nav.DASHBOARD));
        model.addAttribute("view", new DashboardView(callsThisMonth, activeCampaigns, totalCampaigns,
                PERIOD.format(clock.instant().atZone(overview.timeZone())), usage, minutes(overview.minutesTotal())));
        return "app/dashboard";
    }

    private static long minutes(BigDecimal minutes) {
        return minutes == null ? 0 : minutes.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
