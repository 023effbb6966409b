package dev.switchboard.web.internal;

import gg.jte.TemplateEngine;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * Resolves a view name such as {@code "auth/signin"} to the template {@code auth/signin.jte}.
 * Names without a template ({@code "redirect:/…"}, {@code "forward:/…"}, typos) are left to the
 * resolvers after this one, which handle redirects and report unknown views.
 */
class JteViewResolver implements ViewResolver, Ordered {

    static final String SUFFIX = ".jte";

    private final TemplateEngine engine;
    private final Map<String, View> views = new ConcurrentHashMap<>();

    JteViewResolver(TemplateEngine engine) {
        this.engine = engine;
    }

    @Override
    public View resolveViewName(String viewName, Locale locale) {
        if (viewName.contains(":") || viewName.contains("..")) {
            return null;
        }
        View cached = views.get(viewName);
        if (cached != null) {
            return cached;
        }
        String template = viewName + SUFFIX;
        if (!engine.hasTemplate(template)) {
            return null;
        }
        return views.computeIfAbsent(viewName, name -> new JteView(engine, template));
    }

    /** Before Spring's catch-all InternalResourceViewResolver, which would treat every name as a forward. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
