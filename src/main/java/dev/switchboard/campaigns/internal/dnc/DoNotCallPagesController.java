package dev.switchboard.campaigns.internal.dnc;

import dev.switchboard.campaigns.DoNotCall;
import dev.switchboard.campaigns.internal.contacts.ContactListPages;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.web.Nav;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Do not call page: search, add, import and remove numbers. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class DoNotCallPagesController {

    static final String NAV = Nav.DO_NOT_CALL;

    private final Pages pages;
    private final DoNotCallService service;
    private final DoNotCallImport imports;

    DoNotCallPagesController(Pages pages, DoNotCallService service, DoNotCallImport imports) {
        this.pages = pages;
        this.service = service;
        this.imports = imports;
    }

    @GetMapping("/do-not-call")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        CursorPage<DoNotCallService.Entry> page = service.list(q, 50, cursor);
        model.addAttribute("page", pages.context("Do not call", NAV));
        DoNotCallImport.Report report = (DoNotCallImport.Report) model.getAttribute("importReport");
        model.addAttribute("view", new DoNotCallView(page.items(), q == null ? "" : q,
                ContactListPages.pagination("/do-not-call", q, cursor, page.nextCursor()), service.count(),
                ContactListPages.canManage(), report));
        return "app/do-not-call";
    }

    @PostMapping("/do-not-call")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String add(@RequestParam(required = false) String phoneNumber, @RequestParam(required = false) String reason,
               RedirectAttributes redirect) {
        try {
            DoNotCallService.Added added = service.addTyped(phoneNumber, reason, DoNotCall.Source.MANUAL);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, added.added()
                    ? added.entry().phoneNumber() + " is on the do-not-call list."
                    : added.entry().phoneNumber() + " was already on the do-not-call list.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute(Pages.FLASH_DANGER, ContactListPages.message(problem));
        }
        return "redirect:/do-not-call";
    }

    @PostMapping("/do-not-call/import")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String importFile(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) {
        try {
            DoNotCallImport.Report report = imports.importFile(file);
            redirect.addFlashAttribute("importReport", report);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, report.added() + " numbers added to the do-not-call list.");
        } catch (ApiProblem problem) {
            if (problem.status().value() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute(Pages.FLASH_DANGER, ContactListPages.message(problem));
        }
        return "redirect:/do-not-call";
    }

    @PostMapping("/do-not-call/remove")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String remove(@RequestParam(required = false) String phoneNumber, RedirectAttributes redirect) {
        try {
            DoNotCallService.Entry removed = service.remove(phoneNumber);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, removed.phoneNumber() + " is off the do-not-call list.");
        } catch (ApiProblem problem) {
            if (problem.status().value() == 404) {
                redirect.addFlashAttribute(Pages.FLASH_DANGER, "That number is not on the do-not-call list.");
            } else {
                redirect.addFlashAttribute(Pages.FLASH_DANGER, ContactListPages.message(problem));
            }
        }
        return "redirect:/do-not-call";
    }
}
