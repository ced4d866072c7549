package org.customerprofile.web.error;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TomcatErrorConfiguration {

    /**
     * Replaces the host's HTML error report valves (Tomcat's own and the one Spring Boot adds) by
     * {@link JsonErrorReportValve}. Unordered, so it runs after Spring Boot's valve is there to be replaced.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            host.getPipeline().addValve(new JsonErrorReportValve());
        });
    }

    /**
     * Tomcat answers {@code TRACE} itself with an empty {@code 405}; let it through to Spring MVC
     * ({@code spring.mvc.dispatch-trace-request}), which answers it as any unsupported method.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> traceToSpring() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }
}
