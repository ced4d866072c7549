package org.customerprofile.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.security.web.FilterChainProxy;

class SecurityRequestMatchingTest {

    private static final String CHAIN = "springSecurityFilterChain";

    @Test
    void theChainWrappedInSpringMvcsLookupCacheIsUnwrapped() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        BeanDefinition chain = BeanDefinitionBuilder.rootBeanDefinition(FilterChainProxy.class).getBeanDefinition();
        beans.registerBeanDefinition(CHAIN, wrapped(SecurityRequestMatching.CACHED_CHAIN, chain));

        SecurityRequestMatching.withoutHandlerLookupCache().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinition(CHAIN).getBeanClassName()).isEqualTo(FilterChainProxy.class.getName());
    }

    @Test
    void aChainWrappedInAnyOtherWayIsLeftAsItIs() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        BeanDefinition chain = BeanDefinitionBuilder.rootBeanDefinition(FilterChainProxy.class).getBeanDefinition();
        BeanDefinition other = wrapped("org.example.SomeOtherComposite", chain);
        beans.registerBeanDefinition(CHAIN, other);

        SecurityRequestMatching.withoutHandlerLookupCache().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinition(CHAIN).getBeanClassName()).isEqualTo("org.example.SomeOtherComposite");
    }

    @Test
    void aChainNotWrappedIsLeftAsItIs() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition(CHAIN, BeanDefinitionBuilder.rootBeanDefinition(FilterChainProxy.class).getBeanDefinition());

        SecurityRequestMatching.withoutHandlerLookupCache().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinition(CHAIN).getBeanClassName()).isEqualTo(FilterChainProxy.class.getName());
    }

    @Test
    void aContextWithoutSecurityIsLeftAsItIs() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

        SecurityRequestMatching.withoutHandlerLookupCache().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinitionCount()).isZero();
    }

    /** As Spring Security 6.5 wraps it: the cache filter's factory first, the chain second. */
    private static BeanDefinition wrapped(String wrapperClass, BeanDefinition chain) {
        ManagedList<BeanDefinition> filters = new ManagedList<>();
        filters.add(BeanDefinitionBuilder.genericBeanDefinition("org.example.CacheFilterFactoryBean").getBeanDefinition());
        filters.add(chain);
        return BeanDefinitionBuilder.genericBeanDefinition(wrapperClass).addConstructorArgValue(filters).getBeanDefinition();
    }
}
