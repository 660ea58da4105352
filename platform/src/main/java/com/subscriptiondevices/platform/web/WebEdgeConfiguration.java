package com.subscriptiondevices.platform.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC reads and writes JSON with {@link RequestJson}'s mapper. Set as the JSON converter (not
 * added as an extra one) so that it keeps its place after the plain-text converter: a {@code String}
 * body, the PATCH document, is read as text. Unordered, this runs after Spring Boot's own configurer,
 * whose JSON converter it replaces.
 */
@Configuration(proxyBeanMethods = false)
class WebEdgeConfiguration implements WebMvcConfigurer {

    private final RequestJson json;

    WebEdgeConfiguration(RequestJson json) {
        this.json = json;
    }

    /** See {@link RememberedReturnValueHandlers}. */
    @Bean
    static BeanPostProcessor rememberedReturnValueHandlers() {
        return new RememberedReturnValueHandlers();
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.withJsonConverter(new JacksonJsonHttpMessageConverter(json.mapper()));
    }
}
