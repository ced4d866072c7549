package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security chains decide by path patterns alone, so nothing looks up a request's Spring MVC handler
 * before the dispatcher does: the chain is not wrapped in Spring MVC's lookup cache, and no chain matches
 * by asking Spring MVC. What each chain lets through is the other suites' (authentication, actuator,
 * operations, console).
 */
@StandaloneTest
class SecurityChainTest {

    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter springSecurityFilterChain;

    @Autowired
    private List<SecurityFilterChain> chains;

    @Test
    void noHandlerLookupBeforeTheDispatcher() {
        assertThat(springSecurityFilterChain).isInstanceOf(FilterChainProxy.class);
        assertThat(springSecurityFilterChain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
        assertThat(((FilterChainProxy) springSecurityFilterChain).getFilterChains()).hasSameSizeAs(chains).hasSizeGreaterThan(3);
        assertThat(chains).allSatisfy(chain -> assertThat(chain.toString()).doesNotContain("Mvc [").doesNotContain("Ant ["));
        assertThat(chains).filteredOn(chain -> chain.toString().contains("PathPattern")).hasSize(chains.size() - 1);
    }
}
