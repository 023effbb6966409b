package dev.switchboard.calls.internal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Shared recording links ({@code /r/**}) are opened without signing in: the signed token is the
 * credential, checked by {@link RecordingLinkController}. Only these read-only addresses get this
 * chain; every other request goes through the application's own security chain.
 */
@Configuration(proxyBeanMethods = false)
class RecordingLinkSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain recordingLinkFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/r/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                        + "font-src 'self'; media-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .authorizeHttpRequests(a -> a.requestMatchers(request -> "GET".equals(request.getMethod())
                        || "HEAD".equals(request.getMethod())).permitAll().anyRequest().denyAll());
        return http.build();
    }
}
