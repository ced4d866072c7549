package org.customerprofile.query.customer;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;

/**
 * Documents a {@link Searches} parameter from its {@link SearchParameter}: what it matches, and its type, so the
 * published document says what the controller checks.
 */
@Component
class SearchParameterDocumentation implements ParameterCustomizer {

    @Override
    public Parameter customize(Parameter parameter, MethodParameter methodParameter) {
        Searches searches = methodParameter.getParameterAnnotation(Searches.class);
        if (parameter == null || searches == null) {
            return parameter;
        }
        SearchParameter search = searches.value();
        StringSchema schema = new StringSchema();
        schema.format(search.format());
        if (search == SearchParameter.Q) {
            schema.minLength(2).maxLength(SearchParameter.MAX_Q_LENGTH);
        }
        return parameter.description(search.description()).schema(schema);
    }
}
