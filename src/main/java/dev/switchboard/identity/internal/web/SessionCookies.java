package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.internal.credentials.SecuritySettings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The browser session cookie (HttpOnly, SameSite=Lax, Secure unless configured off), and the
 * cookie that remembers a platform administrator's own session while impersonating.
 */
@Component
public class SessionCookies {

    public static final String SESSION = "sb_session";
    public static final String ORIGIN = "sb_origin";

    private final boolean secure;

    SessionCookies(SecuritySettings settings) {
        this.secure = settings.cookieSecure();
    }

    public Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    public void write(HttpServletResponse response, String name, String value, Duration maxAge) {
        response.addHeader("Set-Cookie", ResponseCookie.from(name, value)
                .httpOnly(true).secure(secure).sameSite("Lax").path("/").maxAge(maxAge).build().toString());
    }

    public void clear(HttpServletResponse response, String name) {
        write(response, name, "", Duration.ZERO);
    }
}
