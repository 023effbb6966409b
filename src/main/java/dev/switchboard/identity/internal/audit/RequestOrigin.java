package dev.switchboard.identity.internal.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Where the current request comes from, for audit entries; empty outside a request. */
public record RequestOrigin(String ip, String userAgent) {

    public static RequestOrigin current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return of(attributes.getRequest());
        }
        return new RequestOrigin(null, null);
    }

    public static RequestOrigin of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > 300) {
            agent = agent.substring(0, 300);
        }
        return new RequestOrigin(request.getRemoteAddr(), agent);
    }
}
