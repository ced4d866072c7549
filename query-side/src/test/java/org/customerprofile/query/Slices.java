package org.customerprofile.query;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.customerprofile.web.error.ApiExceptionHandler;
import org.customerprofile.web.security.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Request mapping and query parameter validation of a controller without a Spring context: the real
 * controller, validator and {@link ApiExceptionHandler}, an authenticated caller (and its token). Refused requests never
 * reach the controller's stores, so the slices give it none.
 */
public final class Slices {

    private Slices() {
    }

    public static MockMvc of(Object controller) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new ApiExceptionHandler())
                .setValidator(validator)
                .setCustomArgumentResolvers(new AuthenticatedCaller())
                .build();
    }

    /** A 400 validation error naming exactly {@code parameters}, in order, with {@code reasons} in order. */
    public static ResultMatcher[] invalid(String[] parameters, String... reasons) {
        ResultMatcher[] matchers = new ResultMatcher[2 + parameters.length + reasons.length];
        matchers[0] = status().isBadRequest();
        matchers[1] = jsonPath("$.error_type").value("validation");
        for (int i = 0; i < parameters.length; i++) {
            matchers[2 + i] = jsonPath("$.invalid_parameters[" + i + "].parameter").value(parameters[i]);
        }
        for (int i = 0; i < reasons.length; i++) {
            matchers[2 + parameters.length + i] = jsonPath("$.invalid_parameters[" + i + "].reason").value(reasons[i]);
        }
        return matchers;
    }

    public static String[] named(String... parameters) {
        return parameters;
    }

    private static final class AuthenticatedCaller implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class || parameter.getParameterType() == Jwt.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                      WebDataBinderFactory binderFactory) {
            if (parameter.getParameterType() == Jwt.class) {
                return Jwt.withTokenValue("token").header("alg", "HS256").subject("company1").build();
            }
            return new Caller(UUID.fromString("11111111-1111-4111-8111-111111111111"), "company1", "request-1");
        }
    }
}
