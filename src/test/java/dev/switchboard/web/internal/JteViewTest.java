package dev.switchboard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.web.CsrfField;
import dev.switchboard.web.ErrorView;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.PageContext;
import dev.switchboard.web.SignInView;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.servlet.View;

class JteViewTest {

    final JteViewResolver resolver = new JteViewResolver(UiPreviewPagesTest.ENGINE);

    @Test
    void resolvesViewNamesToTheirTemplates() {
        assertThat(resolver.resolveViewName("auth/signin", Locale.ENGLISH)).isInstanceOf(JteView.class);
        assertThat(resolver.resolveViewName("settings/api-keys", Locale.ENGLISH)).isInstanceOf(JteView.class);
    }

    @Test
    void leavesRedirectsAndUnknownNamesToOtherResolvers() {
        assertThat(resolver.resolveViewName("redirect:/signin", Locale.ENGLISH)).isNull();
        assertThat(resolver.resolveViewName("forward:/x", Locale.ENGLISH)).isNull();
        assertThat(resolver.resolveViewName("auth/no-such-page", Locale.ENGLISH)).isNull();
        assertThat(resolver.resolveViewName("../error", Locale.ENGLISH)).isNull();
    }

    @Test
    void escapesHtmlInModelValues() throws Exception {
        String evil = "\"><script>alert('x')</script>";
        Map<String, Object> model = new HashMap<>();
        model.put("page", PageContext.signedOut("Sign in <b>now</b>", new CsrfField("_csrf", "X-CSRF-TOKEN", "t\"<")));
        model.put("view", new SignInView(evil, FormErrors.summary("<img src=x onerror=alert(1)>"), true));

        String html = render("auth/signin", model);

        // In attribute values the quote is escaped, so the value cannot end early and open a tag.
        assertThat(html).contains("value=\"&#34;>&lt;script>alert(&#39;x&#39;)&lt;/script>\"").doesNotContain("<script>alert");
        assertThat(html).doesNotContain("<img src=x").doesNotContain("<b>now</b>").doesNotContain("value=\"t\"<\"");
        assertThat(html).contains("<span>&lt;img src=x onerror=alert(1)&gt;</span>")
                .contains("Sign in &lt;b&gt;now&lt;/b&gt; · Switchboard")
                .contains("value=\"t&#34;&lt;\"");
    }

    @Test
    void passesOnlyTheParametersTheTemplateDeclares() throws Exception {
        Map<String, Object> model = new HashMap<>();
        model.put("page", PageContext.signedOut("Error", null));
        model.put("view", new ErrorView(404, "Page not found", "Nothing here.", "req-1"));
        model.put(BeanPropertyBindingResult.MODEL_KEY_PREFIX + "view", new BeanPropertyBindingResult(new Object(), "view"));
        model.put("somethingAnAdviceAdded", 42);

        String html = render("error", model);

        assertThat(html).contains("Page not found").contains("req-1");
    }

    @Test
    void errorPageWorksWithTheContainersErrorModel() throws Exception {
        Map<String, Object> model = new HashMap<>();
        model.put("status", 403);
        model.put("error", "Forbidden");
        model.put("path", "/admin/jobs");

        assertThat(render("error", model)).contains("Error 403").contains("You don't have access to this page");
    }

    @Test
    void namesTheAttributeWhenItsTypeIsWrong() {
        Map<String, Object> model = Map.of("page", "not a page context");
        View view = resolver.resolveViewName("auth/signin", Locale.ENGLISH);

        assertThatThrownBy(() -> view.render(model, new MockHttpServletRequest(), new MockHttpServletResponse()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auth/signin.jte").hasMessageContaining("page").hasMessageContaining("PageContext");
    }

    @Test
    void answersUtf8Html() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        Map<String, Object> model = Map.of("view", new ErrorView(500, "Ça n’a pas marché", "Détail", null));
        resolver.resolveViewName("error", Locale.ENGLISH).render(model, new MockHttpServletRequest(), response);

        assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Ça n’a pas marché");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
    }

    private String render(String name, Map<String, ?> model) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        resolver.resolveViewName(name, Locale.ENGLISH).render(model, new MockHttpServletRequest(), response);
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
