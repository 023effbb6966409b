package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.SwitchboardTest;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.ContentNegotiatingViewResolver;

/**
 * The running application serves everything the pages load (no CDN: stylesheet, scripts, the
 * Inter font files), and the preview pages stay off unless switched on.
 */
@SwitchboardTest
class UiAssetsTest {

    @Autowired
    MockMvc mvc;

    /** Spring Boot's composite resolver, which consults every ViewResolver bean. */
    @Autowired
    ContentNegotiatingViewResolver viewResolver;

    @Test
    void previewPagesAreOffByDefault() throws Exception {
        int status = mvc.perform(get("/ui-preview/app/dashboard").accept(MediaType.TEXT_HTML)).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(404);
    }

    @Test
    void servesEveryAssetThePagesAndTheStylesheetLoad() throws Exception {
        Set<String> assets = new LinkedHashSet<>();
        collect(renderedPage(), Pattern.compile("<(?:link|script)[^>]*(?:href|src)=\"(/[^\"]+)\""), assets);
        collect(fetch("/css/app.css", "text/css"), Pattern.compile("url\\(\"(/[^\"]+)\"\\)"), assets);

        assertThat(assets).contains("/css/app.css", "/js/app.js", "/webjars/htmx.org/dist/htmx.min.js",
                "/webjars/alpinejs/dist/cdn.min.js", "/_static/inter/5.2.5/files/inter-latin-400-normal.woff2", "/favicon.svg");
        for (String asset : assets) {
            assertThat(mvc.perform(get(asset)).andReturn().getResponse().getStatus()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void viewNamesResolveToTemplatesBeforeSpringsFallbackResolvers() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/signin");
        request.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            View view = viewResolver.resolveViewName("auth/signin", Locale.ENGLISH);
            assertThat(view).isNotNull();
            assertThat(view.getClass().getSimpleName()).isEqualTo("JteView");
            assertThat(view.getContentType()).isEqualTo("text/html;charset=UTF-8");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void pagesLoadNothingFromOtherHosts() {
        assertThat(renderedPage()).doesNotContainPattern("(?:href|src)=\"(?:https?:)?//");
    }

    private static String renderedPage() {
        Viewer viewer = new Viewer("maya@example.com", "Maya", "Northwind", "admin", true, null);
        PageContext page = new PageContext("Dashboard", Nav.DASHBOARD, viewer, List.of(), null, null, List.of());
        StringOutput out = new StringOutput();
        TemplateEngine.createPrecompiled(ContentType.Html).render("app/dashboard.jte",
                Map.of("page", page, "view", new DashboardView(0, 0, 0, "$0.00", null, 0, 0, List.of(), List.of(), "March 2026", 0)), out);
        return out.toString();
    }

    private String fetch(String path, String type) throws Exception {
        var response = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        assertThat(response.getContentType()).startsWith(type);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static void collect(String text, Pattern pattern, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
