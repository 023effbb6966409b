package dev.switchboard.calls.internal;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.web.Nav;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Calls page; it shows its empty state until calls are recorded. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class CallPagesController {

    private final Pages pages;

    CallPagesController(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/calls")
    String calls(Model model) {
        model.addAttribute("page", pages.context("Calls", Nav.CALLS));
        return "app/calls";
    }
}
