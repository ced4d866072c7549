package org.customerprofile.web.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The one error body of the contract. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        String status,
        @JsonProperty("error_type") ErrorType errorType,
        String title,
        @JsonInclude(JsonInclude.Include.ALWAYS) String instance,
        @JsonProperty("invalid_parameters") List<InvalidParameter> invalidParameters) {

    public static ApiError of(ErrorType type, String instance, List<InvalidParameter> invalidParameters) {
        return new ApiError("error", type, type.title(), instance, invalidParameters);
    }

    /** The body for a bare response status, such as a 405 or a 401 raised before any controller runs. */
    public static ApiError of(int status, String instance) {
        return new ApiError("error", ErrorType.of(status), ErrorType.titleFor(status), instance, List.of());
    }
}
