package dev.switchboard.testing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.identity.internal.credentials.Sessions;
import jakarta.servlet.http.Cookie;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Requests as a browser sends them to the server-rendered pages: with the session cookie,
 * asking for HTML, and forms with their CSRF field.
 */
public final class PageRequests {

    private PageRequests() {
    }

    /** A signed-in browser session of {@code userId} working in {@code organizationId} (may be null). */
    public static Cookie session(Sessions sessions, UUID userId, UUID organizationId) {
        return new Cookie("sb_session", sessions.create(userId, organizationId, "127.0.0.1", "page test").token());
    }

    /** Opening a page. */
    public static MockHttpServletRequestBuilder page(String path, Cookie session) {
        return get(path).cookie(session).accept(MediaType.TEXT_HTML);
    }

    /** Submitting a form with its CSRF field; {@code fields} are name, value pairs. */
    public static MockHttpServletRequestBuilder form(String path, Cookie session, String... fields) {
        return withoutCsrf(path, session, fields).with(csrf());
    }

    /** A form as a forged cross-site post would send it: no CSRF field. */
    public static MockHttpServletRequestBuilder withoutCsrf(String path, Cookie session, String... fields) {
        MockHttpServletRequestBuilder request = post(path).cookie(session).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }
}
