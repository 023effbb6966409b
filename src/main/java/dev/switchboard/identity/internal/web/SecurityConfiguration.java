package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.internal.credentials.AccessTokens;
import dev.switchboard.identity.internal.credentials.ActorResolver;
import dev.switchboard.identity.internal.credentials.ApiKeys;
import dev.switchboard.identity.internal.credentials.SecuritySettings;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Anonymous: sign-up, sign-in, password reset, invitations, health and
 * docs. Platform administration: platform administrators only. Everything else: a signed-in
 * actor. Forms posted with the session cookie need a CSRF token; API calls that carry their
 * own credential in a header do not (a browser never adds those by itself).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    @Bean
    AuthenticationFilter authenticationFilter(Sessions sessions, AccessTokens accessTokens, ApiKeys apiKeys,
                                              ActorResolver actors, SessionCookies cookies, AuditLog audit,
                                              SecuritySettings settings) {
        return new AuthenticationFilter(sessions, accessTokens, apiKeys, actors, cookies, audit, settings);
    }

    /** The filter runs inside the security chain only, not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<AuthenticationFilter> authenticationFilterRegistration(AuthenticationFilter filter) {
        FilterRegistrationBean<AuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * No observation of each filter of the chain: wrapping all of them costs more per request than
     * the request's own database work. Requests are still measured as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Provider webhooks authenticate by their signatures, checked by their controllers, never by a
     * session, cookie or key: they pass through a chain of their own with only what such a request
     * needs (no CSRF, no session or credential lookup, no saved request), the cheapest path for
     * the thousands of events a second a busy call center receives.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
        http
                .securityMatcher("/webhooks/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, AuthenticationFilter authenticationFilter,
                                    SecuritySettings settings) throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName("sb_csrf");
        csrfTokens.setHeaderName("X-CSRF-Token");
        csrfTokens.setParameterName("_csrf");
        csrfTokens.setCookieCustomizer(c -> c.httpOnly(true).secure(settings.cookieSecure()).sameSite("Lax").path("/"));

        http
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .csrf(c -> c.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(cookieAuthenticatedWrite()))
                .addFilterBefore(authenticationFilter, AuthorizationFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                                        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self' blob:; "
                                        + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()))
                .authorizeHttpRequests(a -> a
                        // Finishing an asynchronous response (a live event stream) re-dispatches a request
                        // that was authorized when it arrived.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/css/**", "/js/**", "/fonts/**", "/webjars/**", "/_static/**", "/favicon.ico", "/favicon.svg")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/docs", "/docs/**", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/problems/**")
                        .permitAll()
                        .requestMatchers("/error", "/signin", "/signup", "/password/forgot", "/password/reset",
                                "/invitations/**", "/verify-email", "/ui-preview/**")
                        .permitAll()
                        .requestMatchers("/admin/impersonation/stop").authenticated()
                        .requestMatchers("/api/v1/auth/**", "/api/v1/invitations/**").permitAll()
                        // Provider webhooks authenticate by their signatures, checked by their controllers.
                        .requestMatchers("/webhooks/**").permitAll()
                        .requestMatchers("/admin/**", "/api/v1/admin/**").hasRole("PLATFORM_ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * CSRF applies to writes that rely on the cookie: no credential header, not an API sign-in,
     * and not an anonymous API call to accept an invitation (which proves itself with the
     * invitation's token; with a session cookie it needs the CSRF token like any other form).
     */
    private static RequestMatcher cookieAuthenticatedWrite() {
        return request -> {
            String method = request.getMethod();
            if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method)) {
                return false;
            }
            if (request.getHeader("Authorization") != null || request.getHeader("X-Api-Key") != null) {
                return false;
            }
            if (request.getRequestURI().startsWith("/api/v1/invitations/") && !hasSessionCookie(request)) {
                return false;
            }
            String path = request.getRequestURI();
            return !path.startsWith("/api/v1/auth/") && !path.startsWith("/webhooks/");
        };
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (jakarta.servlet.http.Cookie cookie : cookies) {
            if (SessionCookies.SESSION.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    static boolean wantsApi(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/")) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept == null || !accept.contains("text/html");
    }

    private static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            if (wantsApi(request)) {
                ProblemResponses.write(response, ApiProblem.unauthorized("unauthenticated",
                        "Sign in, or send an access token or API key, to use this endpoint."));
                return;
            }
            String next = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect("/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        };
    }

    private static AccessDeniedHandler accessDenied() {
        return (request, response, e) -> {
            ApiProblem problem = e instanceof CsrfException
                    ? new ApiProblem(org.springframework.http.HttpStatus.FORBIDDEN, "csrf", "Form expired",
                            "This form has expired or was sent from another site. Reload the page and try again.")
                    : ApiProblem.forbidden("You do not have access to this. Ask an administrator for access.");
            if (wantsApi(request)) {
                ProblemResponses.write(response, problem);
                return;
            }
            request.setAttribute("problem", problem);
            response.setStatus(problem.status().value());
            request.getRequestDispatcher("/error").forward(request, response);
        };
    }

}
