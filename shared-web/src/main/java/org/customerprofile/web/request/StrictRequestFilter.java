package org.customerprofile.web.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.customerprofile.web.error.ApiError;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.error.InvalidParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before authentication and before any controller, what no endpoint may be given: a body over
 * {@code customers.requests.max-body-size} ({@code 413}, read no further), a JSON body that
 * {@link JsonBodyCheck} refuses, a JSON body declared in another charset than UTF-8 ({@code 415}), a query
 * parameter that is not well-formed percent-encoded UTF-8 or holds what {@link StrictText} refuses, and an
 * {@code Idempotency-Key} that is not printable ASCII. Everything after it reads the body from memory.
 */
final class StrictRequestFilter extends OncePerRequestFilter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RequestLimitsProperties limits;
    private final JsonBodyCheck json;
    private final ObjectMapper objectMapper;

    StrictRequestFilter(RequestLimitsProperties limits, ObjectMapper objectMapper) {
        this.limits = limits;
        this.json = new JsonBodyCheck(limits);
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked;
        try {
            checked = checked(request);
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            ApiError error = refused.toError(request.getRequestURI());
            if (refused.status().value() == 413 || refused.status().value() == 415) {
                error = new ApiError(error.status(), error.errorType(), ErrorType.titleFor(refused.status().value()),
                        error.instance(), error.invalidParameters());
            }
            objectMapper.writeValue(response.getOutputStream(), error);
            return;
        }
        chain.doFilter(checked, response);
    }

    private HttpServletRequest checked(HttpServletRequest request) throws IOException {
        List<InvalidParameter> problems = new ArrayList<>(queryProblems(request.getQueryString()));
        for (String key : Collections.list(request.getHeaders(IDEMPOTENCY_KEY))) {
            if (!key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                problems.add(new InvalidParameter(IDEMPOTENCY_KEY, "must be printable ASCII"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        byte[] body = body(request);
        // wrapped even when empty: a request without Content-Length (curl's GET) has had its stream read
        // and closed here, and a reader behind (the actuator's optional body) must find it empty, not closed
        if (body.length > 0 && isJson(request.getContentType())) {
            Optional<ApiException> refusal = json.refusal(body);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
        return new BufferedBody(request, body);
    }

    /** The whole body, refused with {@code 413} as soon as it is known to exceed the limit. */
    private byte[] body(HttpServletRequest request) throws IOException {
        long max = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        if (request.getContentLengthLong() == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                if (body.size() + read > max) {
                    throw tooLarge(max);
                }
                body.write(buffer, 0, read);
            }
        }
        return body.toByteArray();
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ErrorType.BAD_REQUEST, "body too large",
                List.of(new InvalidParameter(JsonBodyCheck.BODY, "must be at most " + max + " bytes")));
    }

    /** JSON as the JSON reader behind sees it; declared in a charset other than UTF-8 it is refused ({@code 415}). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        boolean json = MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json");
        if (json && type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorType.BAD_REQUEST, "not UTF-8",
                    List.of(new InvalidParameter("Content-Type", "must declare no charset or UTF-8")));
        }
        return json;
    }

    /** Every query parameter as the servlet container decodes it ({@code +} is a space), checked strictly. */
    static List<InvalidParameter> queryProblems(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        Set<InvalidParameter> problems = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            byte[] name = percentDecoded(equals < 0 ? pair : pair.substring(0, equals));
            byte[] value = percentDecoded(equals < 0 ? "" : pair.substring(equals + 1));
            String label = name == null ? StrictText.printable(pair) : StrictText.printable(new String(name, StandardCharsets.UTF_8));
            if (name == null || value == null) {
                problems.add(new InvalidParameter(label, "must be correctly percent-encoded"));
                continue;
            }
            Optional<String> nameText = StrictText.decodeUtf8(name);
            Optional<String> valueText = StrictText.decodeUtf8(value);
            if (nameText.isEmpty() || valueText.isEmpty()) {
                problems.add(new InvalidParameter(label, StrictText.NOT_UTF_8));
                continue;
            }
            StrictText.problem(nameText.get() + valueText.get())
                    .ifPresent(reason -> problems.add(new InvalidParameter(label, reason)));
        }
        return List.copyOf(problems);
    }

    /** The bytes {@code raw} stands for, or null when a {@code %} is not followed by two hex digits. */
    private static byte[] percentDecoded(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c <= 0xff) {
                // the container hands the query over undecoded, one char per byte received
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    /** The request with its body served from memory, to be read as many times as needed. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            try {
                return new BufferedReader(new InputStreamReader(getInputStream(),
                        encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
            } catch (IllegalArgumentException unknownCharset) {
                // as the container does: a checked exception, not a server fault
                throw new UnsupportedEncodingException(encoding);
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
