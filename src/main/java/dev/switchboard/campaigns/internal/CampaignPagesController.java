package dev.switchboard.campaigns.internal;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.web.Nav;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Campaigns page; it shows its empty state until campaigns can be created and listed. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class CampaignPagesController {

    private final Pages pages;

    CampaignPagesController(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        model.addAttribute("page", pages.context("Campaigns", Nav.CAMPAIGNS));
        return "app/campaigns";
    }
}
