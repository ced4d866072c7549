package org.customerprofile.web.openapi;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import org.customerprofile.web.request.WholeNumber;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;

/**
 * Documents a {@link WholeNumber} parameter as the integer it is, with its range and default: the
 * controller takes its text only so that every invalid parameter is reported at once.
 */
class WholeNumberParameters implements ParameterCustomizer {

    @Override
    public Parameter customize(Parameter parameter, MethodParameter methodParameter) {
        WholeNumber range = methodParameter.getParameterAnnotation(WholeNumber.class);
        if (parameter == null || range == null) {
            return parameter;
        }
        Schema<?> text = parameter.getSchema();
        IntegerSchema number = new IntegerSchema();
        number.format(range.max() <= Integer.MAX_VALUE ? "int32" : "int64").minimum(BigDecimal.valueOf(range.min()));
        if (range.max() != Long.MAX_VALUE && range.max() != Integer.MAX_VALUE) {
            number.maximum(BigDecimal.valueOf(range.max()));
        }
        if (text != null && text.getDefault() != null) {
            number.setDefault(Long.parseLong(text.getDefault().toString()));
        }
        return parameter.schema(number);
    }
}
