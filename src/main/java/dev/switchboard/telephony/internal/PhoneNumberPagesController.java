package dev.switchboard.telephony.internal;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.web.Nav;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Phone Numbers page; it shows its empty state until numbers can be added. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class PhoneNumberPagesController {

    private final Pages pages;

    PhoneNumberPagesController(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/phone-numbers")
    String phoneNumbers(Model model) {
        model.addAttribute("page", pages.context("Phone Numbers", Nav.PHONE_NUMBERS));
        return "app/phone-numbers";
    }
}
