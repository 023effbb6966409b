package dev.switchboard.agents.internal;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.web.Nav;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Agents page; it shows its empty state until agents can be created and listed. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class AgentPagesController {

    private final Pages pages;

    AgentPagesController(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/agents")
    String agents(Model model) {
        model.addAttribute("page", pages.context("Agents", Nav.AGENTS));
        return "app/agents";
    }
}
