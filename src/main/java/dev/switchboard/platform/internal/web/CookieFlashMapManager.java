package dev.switchboard.platform.internal.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps flash attributes (the message shown once after a form redirects) in a short-lived
 * cookie instead of a server session: nodes share no memory, and any node may serve the page
 * after the redirect. Only string values are kept.
 */
@Component("flashMapManager")
class CookieFlashMapManager extends AbstractFlashMapManager {

    static final String COOKIE = "sb_flash";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> SHAPE = new TypeReference<>() { };

    @Override
    protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                try {
                    byte[] json = Base64.getUrlDecoder().decode(cookie.getValue());
                    List<FlashMap> maps = new ArrayList<>();
                    for (Map<String, Object> stored : JSON.readValue(new String(json, StandardCharsets.UTF_8), SHAPE)) {
                        FlashMap map = new FlashMap();
                        Object path = stored.get("path");
                        if (path instanceof String p) {
                            map.setTargetRequestPath(p);
                        }
                        Object attributes = stored.get("attributes");
                        if (attributes instanceof Map<?, ?> values) {
                            values.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
                        }
                        map.startExpirationPeriod(getFlashMapTimeout());
                        maps.add(map);
                    }
                    return maps;
                } catch (RuntimeException tampered) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
        List<Map<String, Object>> stored = new ArrayList<>();
        for (FlashMap map : flashMaps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (map.getTargetRequestPath() != null) {
                entry.put("path", map.getTargetRequestPath());
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v instanceof String s) {
                    attributes.put(k, s);
                }
            });
            entry.put("attributes", attributes);
            stored.add(entry);
        }
        String value = stored.isEmpty() ? ""
                : Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(stored));
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Lax").path("/")
                .maxAge(value.isEmpty() ? 0 : getFlashMapTimeout()).build().toString());
    }
}
