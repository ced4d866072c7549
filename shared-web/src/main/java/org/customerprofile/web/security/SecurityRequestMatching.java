package org.customerprofile.web.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * The security chains match paths with Spring MVC's parsed path patterns ({@code PathPatternRequestMatcher}),
 * not by asking Spring MVC which handler a request goes to. Asking needs a handler lookup, and Spring Security 6.5
 * makes one for every request before its chain runs (Spring MVC's {@code HandlerMappingIntrospector} cache filter,
 * wrapped around the chain whatever the matchers are), which the dispatcher then repeats: on a {@code GET} of a
 * customer the first lookup was 9 % of the request's samples. Once no matcher asks, that lookup is unused, and
 * {@link #withoutHandlerLookupCache()} takes it out again; Spring Security 7 no longer adds it.
 */
@Configuration
class SecurityRequestMatching {

    /** Spring Security 6.5's wrapper holding the cache filter and the chain, in that order. */
    static final String CACHED_CHAIN = "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    @Bean
    PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Runs after every registry post-processor (Spring Security's wrap among them). A chain wrapped in any other
     * way is left as it is: the lookup then stays, as Spring Security set it up.
     */
    @Bean
    static BeanFactoryPostProcessor withoutHandlerLookupCache() {
        return beanFactory -> {
            String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
            if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(name)) {
                BeanDefinition chain = registry.getBeanDefinition(name);
                ValueHolder filters = chain.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
                if (CACHED_CHAIN.equals(chain.getBeanClassName()) && filters != null
                        && filters.getValue() instanceof List<?> wrapped && wrapped.size() == 2
                        && wrapped.get(1) instanceof BeanDefinition unwrapped) {
                    registry.removeBeanDefinition(name);
                    registry.registerBeanDefinition(name, unwrapped);
                }
            }
        };
    }
}
