package org.customerprofile.web.error;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The contract's {@code error_type} values, each with the status it usually travels with. */
public enum ErrorType {
    BAD_REQUEST("Your request could not be understood."),
    VALIDATION("Your request parameters did not pass our validation."),
    UNAUTHORIZED("Authentication with the API failed, please check your details and try again."),
    FORBIDDEN("You are not allowed to access this resource."),
    NOT_FOUND("The requested resource could not be found."),
    /** With {@code 410}: the customer was erased at its owner's request. */
    GONE("The requested customer was erased and is gone for good."),
    CONFLICT("The request conflicts with the current state of the resource."),
    /** With {@code 429} and a {@code Retry-After}: a rate limit or a login lockout. */
    TOO_MANY_REQUESTS("Too many requests; please try again after the time given in Retry-After."),
    INTERNAL_SERVER_ERROR("Something went wrong on our side; the request was not applied."),
    /** With {@code 503} and a {@code Retry-After}: a store the service needs is unreachable for now. */
    SERVICE_UNAVAILABLE("The service cannot reach its storage right now; the request was not applied. Please try again shortly.");

    private final String title;

    ErrorType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The title for a response status: the type's, or a more precise one where the contract has no type. */
    public static String titleFor(int status) {
        return switch (status) {
            case 405 -> "This method is not supported for this resource.";
            case 406 -> "This resource answers only application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request body must be sent as application/json.";
            default -> of(status).title();
        };
    }

    /** The error type a response status stands for when nothing more specific is known. */
    public static ErrorType of(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_SERVER_ERROR;
        };
    }
}
