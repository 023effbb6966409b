package dev.switchboard.campaigns;

import static dev.switchboard.campaigns.ContactListPagesTest.html;
import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The Do not call page: empty state, adding, importing, searching and removing numbers. */
@SwitchboardTest
class DoNotCallPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Sessions sessions;
    Api api;
    Api.Account admin;
    Cookie adminSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("DNC Pages Co");
        adminSession = session(sessions, admin.userId(), admin.organizationId());
    }

    @Test
    void anEmptyListExplainsWhatItDoes() {
        String html = html(api.perform(page("/do-not-call", adminSession)), 200);
        assertThat(html).contains("No numbers on the do-not-call list").contains("Add a number").contains("Import numbers");
    }

    @Test
    void numbersAreAddedSearchedAndRemoved() {
        MvcResult added = api.perform(form("/do-not-call", adminSession, "phoneNumber", "(415) 555-1234", "reason", "Lawyer letter"));
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/do-not-call");
        assertThat((String) added.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("+14155551234 is on the do-not-call list.");
        MvcResult bad = api.perform(form("/do-not-call", adminSession, "phoneNumber", "nope"));
        assertThat((String) bad.getFlashMap().get(Pages.FLASH_DANGER)).startsWith("The phoneNumber is not a phone number");
        api.perform(form("/do-not-call", adminSession, "phoneNumber", "+14155559876"));

        String all = html(api.perform(page("/do-not-call", adminSession)), 200);
        assertThat(all).contains("+14155551234").contains("Lawyer letter").contains("+14155559876").contains("Added by hand");
        String found = html(api.perform(page("/do-not-call?q=lawyer", adminSession)), 200);
        assertThat(found).contains("+14155551234").doesNotContain("+14155559876");
        assertThat(html(api.perform(page("/do-not-call?q=nothing-like-it", adminSession)), 200)).contains("No numbers match");

        MvcResult removed = api.perform(form("/do-not-call/remove", adminSession, "phoneNumber", "+14155551234"));
        assertThat((String) removed.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("+14155551234 is off the do-not-call list.");
        assertThat(html(api.perform(page("/do-not-call", adminSession)), 200)).doesNotContain("+14155551234");
    }

    @Test
    void anImportShowsItsReport() {
        MvcResult imported = new ContactListFixture(mvc).send(multipart("/do-not-call/import")
                .file(new MockMultipartFile("file", "dnc.csv", "text/csv",
                        "phone_number\n4155551234\nbogus\n".getBytes(StandardCharsets.UTF_8)))
                .cookie(adminSession).with(csrf()).accept(MediaType.TEXT_HTML));
        assertThat((String) imported.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("1 numbers added to the do-not-call list.");
        assertThat(imported.getFlashMap().get("importReport")).isNotNull();
    }

    @Test
    void anotherOrganizationSeesItsOwnEmptyList() {
        api.perform(form("/do-not-call", adminSession, "phoneNumber", "+14155551234"));
        Api.Account other = api.signUp("Other DNC Co");
        Cookie otherSession = session(sessions, other.userId(), other.organizationId());
        assertThat(html(api.perform(page("/do-not-call", otherSession)), 200)).contains("No numbers on the do-not-call list")
                .doesNotContain("+14155551234");
        MvcResult removed = api.perform(form("/do-not-call/remove", otherSession, "phoneNumber", "+14155551234"));
        assertThat((String) removed.getFlashMap().get(Pages.FLASH_DANGER)).isEqualTo("That number is not on the do-not-call list.");
    }
}
