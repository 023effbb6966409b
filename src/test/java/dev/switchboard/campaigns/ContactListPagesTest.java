package dev.switchboard.campaigns;

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
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The contact-list pages: the upload zone, the lists, and a list's validation report. */
@SwitchboardTest
class ContactListPagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    Api api;
    ContactListFixture fixture;
    Api.Account admin;
    Cookie adminSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new ContactListFixture(mvc);
        admin = api.signUp("Pages Contacts Co");
        adminSession = session(sessions, admin.userId(), admin.organizationId());
    }

    @Test
    void withoutListsThePageShowsTheUploadZoneAndAnEmptyState() {
        String html = html(api.perform(page("/contact-lists", adminSession)), 200);
        assertThat(html).contains("No contact lists yet").contains("Drop a CSV or XLSX file here")
                .contains("action=\"/contact-lists\"").contains("enctype=\"multipart/form-data\"").contains("Up to 500 MB")
                .contains("/js/contact-upload.js").contains("href=\"/contact-lists\"").contains("href=\"/do-not-call\"");
    }

    @Test
    void viewersSeeTheListsButCannotUpload() {
        UUID viewer = member("viewer");
        Cookie viewerSession = session(sessions, viewer, admin.organizationId());
        String html = html(api.perform(page("/contact-lists", viewerSession)), 200);
        assertThat(html).contains("No contact lists yet").doesNotContain("Drop a CSV or XLSX file here");
        MvcResult refused = fixture.send(multipart("/contact-lists").file(csvFile("phone_number,crm_id\n4155551234,A\n"))
                .cookie(viewerSession).with(csrf()).accept(MediaType.TEXT_HTML));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void anUploadFromThePageOpensTheListWithItsReport() {
        MvcResult uploaded = fixture.send(multipart("/contact-lists")
                .file(csvFile("phone_number,crm_id,city\n4155551234,A,Oakland\n+15551234567,B,Nowhere\n"))
                .param("name", "Bay Area").cookie(adminSession).with(csrf()).accept(MediaType.TEXT_HTML));
        String location = uploaded.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/contact-lists/");
        assertThat((String) uploaded.getFlashMap().get(Pages.FLASH_SUCCESS)).contains("“Bay Area” is uploaded");
        UUID id = UUID.fromString(location.substring("/contact-lists/".length()));
        fixture.awaitEnd(admin, id);

        String report = html(api.perform(page(location, adminSession)), 200);
        assertThat(report).contains("1 contacts ready to call").contains("Rejected rows").contains("+15551234567")
                .contains("has area code 555").contains("href=\"/contact-lists/" + id + "/rejections.csv\"")
                .contains("First contacts").contains("+14155551234").contains("Oakland").doesNotContain("every 2s");
        var csv = api.perform(page(location + "/rejections.csv", adminSession));
        assertThat(csv.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(api.perform(page("/contact-lists", adminSession)), 200)).contains("Bay Area").contains("Ready");

        MvcResult deleted = api.perform(form(location + "/delete", adminSession));
        assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/contact-lists");
        html(api.perform(page(location, adminSession)), 404);
    }

    @Test
    void aFailedImportShowsWhatIsWrongAndAnEmptyReport() {
        UUID id = fixture.imported(admin, "Phone,Name\n4155551234,Ann\n");
        String html = html(api.perform(page("/contact-lists/" + id, adminSession)), 200);
        assertThat(html).contains("This file could not be imported").contains("Missing required columns: phone_number, crm_id")
                .contains("No rejected rows");
    }

    @Test
    void anUploadWithoutAFileReturnsToTheListsWithAMessage() {
        MvcResult result = fixture.send(multipart("/contact-lists").param("name", "x").cookie(adminSession).with(csrf())
                .accept(MediaType.TEXT_HTML));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/contact-lists");
        assertThat((String) result.getFlashMap().get(Pages.FLASH_DANGER)).startsWith("The file is required");
    }

    @Test
    void anotherOrganizationsListIsNotFound() {
        UUID id = fixture.imported(admin, "phone_number,crm_id\n4155551234,A\n");
        Api.Account other = api.signUp("Other Pages Co");
        Cookie otherSession = session(sessions, other.userId(), other.organizationId());
        html(api.perform(page("/contact-lists/" + id, otherSession)), 404);
        html(api.perform(page("/contact-lists/" + id + "/rejections.csv", otherSession)), 404);
        html(api.perform(form("/contact-lists/" + id + "/delete", otherSession)), 404);
        assertThat(html(api.perform(page("/contact-lists", otherSession)), 200)).contains("No contact lists yet");
    }

    private static MockMultipartFile csvFile(String content) {
        return new MockMultipartFile("file", "contacts.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    private UUID member(String role) {
        UUID id = UUID.randomUUID();
        database.owner().sql("insert into users (id, email, full_name, password_hash) values (?, ?, 'Pat Person', '{noop}unusable')")
                .params(id, Api.uniqueEmail(role)).update();
        database.owner().sql("insert into memberships (organization_id, user_id, role) values (?, ?, ?)")
                .params(admin.organizationId(), id, role).update();
        return id;
    }

    static String html(MvcResult result, int expectedStatus) {
        try {
            String body = result.getResponse().getContentAsString();
            assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expectedStatus);
            return body;
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
