package org.customerprofile.web.error;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every failure inside Spring MVC in the contract's error shape; never leaks internals. The body
 * is JSON whatever the request's {@code Accept} asked for: an error is never turned into an empty {@code 406}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(e.toError(request.getRequestURI()));
    }

    /** Spring Security's firewall checks some parts lazily (parameter names of a form body): a client's fault, not ours. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ApiError> rejected(RequestRejectedException e, HttpServletRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(ErrorType.BAD_REQUEST, request.getRequestURI(), List.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        if (StoreUnreachable.in(e)) {
            // an outage, not a failure of this request: one line, no stack trace; the client tries again later
            log.warn("{} {} not served: a store cannot be reached ({})", request.getMethod(), request.getRequestURI(), e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(ErrorType.SERVICE_UNAVAILABLE, request.getRequestURI(), List.of()));
        }
        log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(ErrorType.INTERNAL_SERVER_ERROR, request.getRequestURI(), List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String reason = e.getCause() instanceof MismatchedInputException ? "has the wrong JSON type" : "is not valid JSON";
        return body(ErrorType.BAD_REQUEST, status, headers, request, List.of(new InvalidParameter("body", reason)));
    }

    /**
     * Query parameters and headers refused by their constraints ({@code @WholeNumber}, ...): every one at
     * once, named as the request names it ({@code as_of}, {@code Last-Event-ID}), with each reason.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        if (e.isForReturnValue()) {
            return handleExceptionInternal(e, null, headers, HttpStatusCode.valueOf(500), request);
        }
        List<InvalidParameter> invalid = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new InvalidParameter(nameOf(result.getMethodParameter()), error.getDefaultMessage())))
                .toList();
        return body(ErrorType.VALIDATION, HttpStatusCode.valueOf(400), headers, request, invalid);
    }

    /** A parameter typed beyond {@code String} that does not convert: named, never a 500. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = e.getPropertyName() == null ? "request" : e.getPropertyName();
        return body(ErrorType.VALIDATION, HttpStatusCode.valueOf(400), headers, request,
                List.of(new InvalidParameter(name, "has the wrong type")));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("request failed", e);
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(status.value(), instanceOf(request)));
    }

    private static ResponseEntity<Object> body(ErrorType type, HttpStatusCode status, HttpHeaders headers, WebRequest request,
                                               List<InvalidParameter> invalidParameters) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(type, instanceOf(request), invalidParameters));
    }

    private static String nameOf(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return parameter.getParameterName();
    }

    private static String instanceOf(WebRequest request) {
        return ((ServletWebRequest) request).getRequest().getRequestURI();
    }
}
