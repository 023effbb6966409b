package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.campaigns.ContactLists;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.web.Nav;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Contacts pages: the lists with an upload zone, and each list's validation report. */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class ContactListPagesController {

    static final String NAV = Nav.CONTACT_LISTS;

    private final Pages pages;
    private final ContactListService lists;

    ContactListPagesController(Pages pages, ContactListService lists) {
        this.pages = pages;
        this.lists = lists;
    }

    @GetMapping("/contact-lists")
    String lists(@RequestParam(required = false) String cursor, Model model) {
        CursorPage<ContactLists.Summary> page = lists.list(50, cursor);
        model.addAttribute("page", pages.context("Contact lists", NAV));
        model.addAttribute("view", new ContactListPages.ListsView(page.items(),
                ContactListPages.pagination("/contact-lists", null, cursor, page.nextCursor()),
                ContactListPages.canManage(), lists.describeLimit()));
        return "app/contact-lists";
    }

    @PostMapping("/contact-lists")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String name,
                  RedirectAttributes redirect) {
        try {
            ContactLists.Summary list = lists.upload(name, file);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "“" + list.name() + "” is uploaded; its rows are being checked.");
            return "redirect:/contact-lists/" + list.id();
        } catch (ApiProblem problem) {
            if (problem.status().value() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute(Pages.FLASH_DANGER, ContactListPages.message(problem));
            return "redirect:/contact-lists";
        }
    }

    @GetMapping("/contact-lists/{id}")
    String list(@PathVariable UUID id, @RequestParam(required = false) String cursor, Model model) {
        ContactLists.Summary list = lists.find(id);
        CursorPage<RejectedRow> rejections = lists.rejections(id, 50, cursor);
        List<ContactLists.Contact> preview = cursor == null ? lists.contacts(id, 10, null).items() : List.of();
        model.addAttribute("page", pages.context(list.name(), NAV));
        model.addAttribute("view", new ContactListPages.ListView(list, rejections.items(),
                ContactListPages.pagination("/contact-lists/" + id, null, cursor, rejections.nextCursor()), preview,
                ContactListPages.canManage()));
        return "app/contact-list";
    }

    @GetMapping("/contact-lists/{id}/rejections.csv")
    void rejectionsCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        lists.find(id);
        ContactListsApiController.RejectionsDownload.send(response, id, lists);
    }

    @PostMapping("/contact-lists/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        ContactLists.Summary list = lists.find(id);
        lists.delete(id);
        redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "“" + list.name() + "” is deleted with its contacts.");
        return "redirect:/contact-lists";
    }
}
