package dev.switchboard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Every preview page renders through the real view resolver and precompiled templates, and the
 * shell behaves: active sidebar entry, admin section, impersonation banner, organization
 * switcher, field errors next to their fields, CSRF fields in forms.
 */
class UiPreviewPagesTest {

    static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new UiPreviewController())
            .setViewResolvers(new JteViewResolver(ENGINE))
            .build();

    @ParameterizedTest
    @ValueSource(strings = {
            "/ui-preview", "/ui-preview/components",
            "/ui-preview/auth/signin", "/ui-preview/auth/signup", "/ui-preview/auth/forgot-password",
            "/ui-preview/auth/reset-password", "/ui-preview/auth/accept-invitation", "/ui-preview/error",
            "/ui-preview/app/dashboard", "/ui-preview/app/agents",
            "/ui-preview/app/phone-numbers",
            "/ui-preview/settings/organization", "/ui-preview/settings/members", "/ui-preview/settings/api-keys",
            "/ui-preview/settings/audit-log",
            "/ui-preview/admin/organizations", "/ui-preview/admin/users", "/ui-preview/admin/jobs", "/ui-preview/admin/outbox"})
    void everyPageRendersAsHtml(String path) throws Exception {
        String html = render(path).strip();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>").contains("/css/app.css").endsWith("</html>");
    }

    @Test
    void everyStateListedOnTheIndexRenders() throws Exception {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = Pattern.compile("href=\"(/ui-preview/[^\"]*)\"").matcher(render("/ui-preview"));
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        assertThat(links).hasSizeGreaterThan(30);
        for (String link : links) {
            assertThat(render(link)).as(link).contains("</html>");
        }
    }

    @Test
    void sidebarMarksOnlyTheActiveEntryAndOpensItsSection() throws Exception {
        String members = render("/ui-preview/settings/members");
        assertThat(count(members, "aria-current=\"page\"")).isEqualTo(1);
        assertThat(members).contains("href=\"/settings/members\" aria-current=\"page\"");
        assertThat(members).contains("class=\"nav-sub\"");

        String dashboard = render("/ui-preview/app/dashboard");
        assertThat(dashboard).contains("href=\"/\" aria-current=\"page\"");
        assertThat(dashboard).doesNotContain("href=\"/settings/members\" aria-current").doesNotContain("class=\"nav-sub\"");
    }

    @Test
    void platformAdminSectionOnlyForPlatformAdmins() throws Exception {
        assertThat(render("/ui-preview/app/dashboard")).contains("Platform admin").contains("href=\"/admin/jobs\"");
        assertThat(render("/ui-preview/app/dashboard?member=true")).doesNotContain("href=\"/admin/jobs\"");
    }

    @Test
    void impersonationBannerOnlyWhileImpersonating() throws Exception {
        String acting = render("/ui-preview/app/dashboard?impersonating=true");
        assertThat(acting).contains("class=\"impersonation\"").contains("You are acting as <strong>Dana Ortiz</strong>")
                .contains("ends in 23 min").contains("action=\"/admin/impersonation/stop\"");
        assertThat(render("/ui-preview/app/dashboard")).doesNotContain("class=\"impersonation\"").doesNotContain("You are acting as");
    }

    @Test
    void organizationSwitcherOnlyWithSeveralOrganizations() throws Exception {
        String several = render("/ui-preview/app/phone-numbers");
        assertThat(several).contains("Switch organization").contains("Lakeside Veterinary Clinics");
        String single = render("/ui-preview/app/phone-numbers?single=true");
        assertThat(single).doesNotContain("Switch organization").contains("Northwind Dental Group");
    }

    @Test
    void fieldErrorsRenderNextToTheirFieldAndInTheSummary() throws Exception {
        String html = render("/ui-preview/auth/signup?errors=true");
        String email = field(html, "email");
        assertThat(email).contains("aria-invalid=\"true\"").contains("aria-describedby=\"email-error\"")
                .contains("id=\"email-error\"").contains("Enter an e-mail address like name@example.com.");
        assertThat(field(html, "password")).contains("id=\"password-error\"").contains("this one has 7");
        assertThat(field(html, "displayName")).doesNotContain("aria-invalid").doesNotContain("field-error");
        String summary = html.substring(html.indexOf("class=\"error-summary\""), html.indexOf("id=\"organizationName\""));
        assertThat(summary).contains("Fix the 2 fields below to continue.")
                .containsSubsequence("href=\"#email\"", "href=\"#password\"");
        assertThat(render("/ui-preview/auth/signup")).doesNotContain("error-summary").doesNotContain("aria-invalid");
    }

    @Test
    void formLevelErrorShowsAsSummaryWithoutMarkingFields() throws Exception {
        String html = render("/ui-preview/auth/signin?errors=true");
        assertThat(html).contains("The e-mail address or password is not right.").doesNotContain("aria-invalid");
    }

    @Test
    void postFormsCarryTheCsrfField() throws Exception {
        String html = render("/ui-preview/settings/members");
        int posts = count(html, "method=\"post\"");
        assertThat(posts).isGreaterThan(5);
        assertThat(count(html, "<input type=\"hidden\" name=\"_csrf\" value=\"preview-csrf-token\">")).isEqualTo(posts);
        assertThat(html).contains("hx-headers=\"{&#34;X-CSRF-TOKEN&#34;:&#34;preview-csrf-token&#34;}\"");
    }

    @Test
    void secretIsShownOnlyRightAfterCreation() throws Exception {
        assertThat(render("/ui-preview/settings/api-keys?created=true"))
                .contains("value=\"sb_live_7Qm2hX9dKfP3rT8wLz4vN6bY1cE5gJ0aUq\"").contains("only time Switchboard shows it");
        assertThat(render("/ui-preview/settings/api-keys")).doesNotContain("sb_live_7Qm2hX9d");
    }

    @Test
    void jobTabsMarkTheTabShown() throws Exception {
        String html = render("/ui-preview/admin/jobs?tab=parked");
        assertThat(html).contains("href=\"/admin/jobs?tab=parked\" aria-current=\"page\"").contains("No parked jobs");
    }

    private String render(String path) throws Exception {
        return mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/html;charset=UTF-8"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The markup of the form field holding the input with this id. */
    private static String field(String html, String id) {
        int input = html.indexOf("id=\"" + id + "\"");
        assertThat(input).as("input " + id).isPositive();
        int start = html.lastIndexOf("<div class=\"field\"", input);
        int end = html.indexOf("<div class=\"field\"", input);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
