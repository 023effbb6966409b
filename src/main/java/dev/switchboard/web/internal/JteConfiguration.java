package dev.switchboard.web.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Renders the templates of {@code src/main/jte}, compiled to classes by the build (the
 * jte-maven-plugin), so nothing is compiled at run time and a template error fails the build.
 */
@Configuration(proxyBeanMethods = false)
class JteConfiguration {

    @Bean
    TemplateEngine jteTemplateEngine() {
        return TemplateEngine.createPrecompiled(ContentType.Html);
    }

    @Bean
    JteViewResolver jteViewResolver(TemplateEngine jteTemplateEngine) {
        return new JteViewResolver(jteTemplateEngine);
    }
}
