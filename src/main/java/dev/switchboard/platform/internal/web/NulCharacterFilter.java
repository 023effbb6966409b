package dev.switchboard.platform.internal.web;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses query parameters containing a NUL character (400, naming the parameter): no text field
 * can hold one, and PostgreSQL refuses to store or compare it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class NulCharacterFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || !(query.contains("%00") || query.indexOf('\0') >= 0);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean bad = parameter.getKey().indexOf('\0') >= 0;
            for (String value : parameter.getValue()) {
                bad |= value != null && value.indexOf('\0') >= 0;
            }
            if (bad) {
                String name = parameter.getKey().replace("\0", "\\u0000");
                ProblemResponses.write(response, ApiProblem.validation(name,
                        "contains a NUL (\\u0000) character, which no value can hold; remove it"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
