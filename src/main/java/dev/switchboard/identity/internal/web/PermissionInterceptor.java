package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces {@link RequiresPermission} on controller methods before they run. A signed-in user
 * without an organization (a platform admin, or a member removed from their last organization)
 * who opens a page of an organization is sent to the dashboard, which explains where to go,
 * rather than shown a "forbidden" error for a page they could never use.
 */
@Configuration(proxyBeanMethods = false)
class PermissionInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (handler instanceof HandlerMethod method) {
            RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresPermission.class);
            if (required == null) {
                required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
            }
            if (required != null) {
                if (isPage(method) && Actors.current().filter(a -> a.organizationId() == null).isPresent()) {
                    response.sendRedirect("/");
                    return false;
                }
                Actors.requirePermission(required.value());
            }
        }
        return true;
    }

    /** A server-rendered page rather than an API endpoint (whose clients need the 403, not a redirect). */
    private static boolean isPage(HandlerMethod method) {
        return !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                && !AnnotatedElementUtils.hasAnnotation(method.getMethod(), ResponseBody.class);
    }
}
