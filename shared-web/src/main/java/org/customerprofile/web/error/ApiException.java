package org.customerprofile.web.error;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** A request the service refuses, carrying everything the error body needs. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ErrorType type;
    private final List<InvalidParameter> invalidParameters;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, ErrorType type, String message, List<InvalidParameter> invalidParameters) {
        this(status, type, message, invalidParameters, null);
    }

    private ApiException(HttpStatus status, ErrorType type, String message, List<InvalidParameter> invalidParameters, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.invalidParameters = List.copyOf(invalidParameters);
        this.retryAfter = retryAfter;
    }

    public static ApiException invalid(List<InvalidParameter> invalidParameters) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorType.VALIDATION, "invalid parameters", invalidParameters);
    }

    public static ApiException invalid(String parameter, String reason) {
        return invalid(List.of(new InvalidParameter(parameter, reason)));
    }

    public static ApiException badRequest(String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorType.BAD_REQUEST, reason,
                List.of(new InvalidParameter("body", reason)));
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorType.NOT_FOUND, "not found", List.of());
    }

    /** The caller's own customer, erased: {@code 410}. Another company's erased customer is {@link #notFound()}. */
    public static ApiException gone() {
        return new ApiException(HttpStatus.GONE, ErrorType.GONE, "erased", List.of());
    }

    public static ApiException forbidden(String parameter, String reason) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorType.FORBIDDEN, reason, List.of(new InvalidParameter(parameter, reason)));
    }

    public static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorType.UNAUTHORIZED, "unauthorized", List.of());
    }

    /** {@code 429}: the caller may try again after the wait, sent as {@code Retry-After}. */
    public static ApiException tooManyRequests(Duration wait) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorType.TOO_MANY_REQUESTS, "too many requests", List.of(), wait);
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError toError(String instance) {
        return ApiError.of(type, instance, invalidParameters);
    }

    /** The {@code Retry-After} value in whole seconds, rounded up (at least 1), for a refusal that has one. */
    public Optional<String> retryAfterSeconds() {
        return Optional.ofNullable(retryAfter).map(wait -> Long.toString(Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L)));
    }
}
