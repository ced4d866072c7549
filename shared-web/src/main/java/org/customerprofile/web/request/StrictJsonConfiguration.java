package org.customerprofile.web.request;

import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class StrictJsonConfiguration {

    /** {@code {"a": 1}} trailing} is malformed JSON, not a valid object followed by noise. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer rejectTrailingTokens() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
