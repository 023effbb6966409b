package dev.switchboard.analytics.internal;

import dev.switchboard.calls.CallActivity;
import dev.switchboard.calls.UsageFigures;
import dev.switchboard.campaigns.CampaignFigures;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.web.DashboardView;
import dev.switchboard.web.Nav;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
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
    private static final int ACTIVE_CAMPAIGNS = 5;
    private static final int RECENT_CALLS = 8;

    private final Pages pages;
    private final UsageFigures usage;
    private final CallActivity calls;
    private final CampaignFigures campaigns;

    DashboardPageController(Pages pages, UsageFigures usage, CallActivity calls, CampaignFigures campaigns) {
        this.pages = pages;
        this.usage = usage;
        this.calls = calls;
        this.campaigns = campaigns;
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
        UsageFigures.Figures figures = usage.current();
        CampaignFigures.Overview overview = campaigns.overview(ACTIVE_CAMPAIGNS);
        model.addAttribute("page", pages.context("Dashboard", Nav.DASHBOARD));
        model.addAttribute("view", new DashboardView(figures.callsToday(), figures.callsThisMonth(),
                whole(figures.minutesThisMonth()), "$" + money(figures.costThisMonthUsd()), calls.thisMonth().successRate(),
                overview.total(), overview.activeCount(),
                overview.active().stream().map(c -> new DashboardView.Campaign(c.id(), c.name(), c.status(),
                        c.totalContacts(), c.processed(), c.completed(), c.failed(), c.percent())).toList(),
                calls.recent(RECENT_CALLS).stream().map(c -> new DashboardView.Call(c.id(), c.direction(), c.number(),
                        c.contactName(), c.status(), c.disposition(), c.durationSeconds(), c.createdAt())).toList(),
                PERIOD.format(figures.periodStart()), whole(figures.minutesTotal())));
        return "app/dashboard";
    }

    private static long whole(BigDecimal minutes) {
        return minutes == null ? 0 : minutes.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String money(BigDecimal usd) {
        return (usd == null ? BigDecimal.ZERO : usd).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
