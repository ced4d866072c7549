package org.customerprofile.web.request;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.requests.*}: what one request may cost the service. A body over the size is refused
 * with {@code 413} before it is read further; a JSON body over any other limit with {@code 400} before
 * the rest of it is parsed.
 *
 * @param maxBodySize     largest request body accepted, of any content type
 * @param maxNestingDepth deepest nesting of JSON objects and arrays in a body (a customer needs 3)
 * @param maxTokens       most JSON tokens in a body (names, values, brackets; a full customer has about 100)
 * @param maxStringLength longest JSON string value in characters ({@code custom_data} needs 2048)
 * @param maxNameLength   longest JSON member name in characters
 */
@Validated
@ConfigurationProperties("customers.requests")
public record RequestLimitsProperties(
        @DefaultValue("64KB") @NotNull DataSize maxBodySize,
        @DefaultValue("16") @Min(1) int maxNestingDepth,
        @DefaultValue("2000") @Min(1) int maxTokens,
        @DefaultValue("4096") @Min(1) int maxStringLength,
        @DefaultValue("256") @Min(1) int maxNameLength) {
}
