package org.customerprofile.web.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.error.InvalidParameter;
import org.springframework.http.HttpStatus;

/**
 * One streaming pass over a JSON body before anything binds it: within the {@link RequestLimitsProperties}
 * (Jackson's {@link StreamReadConstraints} stop the parse at the first excess), well-formed UTF-8, and no
 * member name or string holding what {@link StrictText} refuses. Problems are named by dotted JSON path
 * ({@code billing.address.line_1}, array elements by index), or {@code body} where no member holds them.
 * Plain syntax errors are left to the JSON reader behind, which reports them as it always has.
 */
final class JsonBodyCheck {

    static final String BODY = "body";

    private final RequestLimitsProperties limits;
    private final JsonFactory factory;

    JsonBodyCheck(RequestLimitsProperties limits) {
        this.limits = limits;
        // raw control characters reach the walk, to be refused naming their member rather than as bad syntax
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxTokenCount(limits.maxTokens())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxDocumentLength(limits.maxBodySize().toBytes())
                        .build())
                .build();
    }

    /** Why {@code body} is refused, if it is. */
    Optional<ApiException> refusal(byte[] body) {
        List<Integer> malformed = StrictText.malformedUtf8(body);
        int unassigned = 0;
        Set<InvalidParameter> problems = new LinkedHashSet<>();
        JsonParser parser = null;
        long tokens = 0;
        try {
            parser = factory.createParser(body);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens++;
                if (token != JsonToken.FIELD_NAME && token != JsonToken.VALUE_STRING) {
                    continue;
                }
                String text = parser.getText();
                String path = pathOf(parser.getParsingContext());
                long end = parser.currentLocation().getByteOffset();
                int max = token == JsonToken.FIELD_NAME ? limits.maxNameLength() : limits.maxStringLength();
                if (text.length() > max) {
                    return Optional.of(tooLong(path, max));
                }
                if (unassigned < malformed.size() && malformed.get(unassigned) < end) {
                    // one reason per member: what Jackson made of the malformed bytes does not matter
                    problems.add(new InvalidParameter(path, StrictText.NOT_UTF_8));
                    while (unassigned < malformed.size() && malformed.get(unassigned) < end) {
                        unassigned++;
                    }
                } else {
                    StrictText.problem(text).ifPresent(reason -> problems.add(new InvalidParameter(path, reason)));
                }
            }
        } catch (StreamConstraintsException e) {
            return Optional.of(overLimit(parser, tokens));
        } catch (JsonProcessingException e) {
            // A malformed byte stops Jackson too; anything else is a syntax error, the JSON reader's to report.
            if (unassigned < malformed.size() && parser != null) {
                problems.add(new InvalidParameter(pathOf(parser.getParsingContext()), StrictText.NOT_UTF_8));
                unassigned = malformed.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close(parser);
        }
        if (unassigned < malformed.size()) {
            problems.add(new InvalidParameter(BODY, StrictText.NOT_UTF_8));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(ApiException.invalid(List.copyOf(problems)));
    }

    private ApiException overLimit(JsonParser parser, long tokens) {
        if (parser.getParsingContext().getNestingDepth() >= limits.maxNestingDepth()) {
            return ApiException.badRequest("must not nest objects and arrays deeper than " + limits.maxNestingDepth() + " levels");
        }
        if (tokens >= limits.maxTokens()) {
            return ApiException.badRequest("must not hold more than " + limits.maxTokens() + " JSON tokens");
        }
        // a string, name or number over Jackson's length limit, stopped before it was read whole; strings are
        // read lazily (the parser is at the string), names and numbers eagerly (the parser is still before them)
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return tooLong(pathOf(parser.getParsingContext()), limits.maxStringLength());
        }
        return ApiException.badRequest("must not hold a member name over " + limits.maxNameLength()
                + " characters or a number over " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits");
    }

    private static ApiException tooLong(String path, int max) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorType.VALIDATION, "too long",
                List.of(new InvalidParameter(path, "must be at most " + max + " characters")));
    }

    /** The dotted path of the member or element the parser is at; names are made printable to be echoed safely. */
    static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.addFirst(Integer.toString(Math.max(at.getCurrentIndex(), 0)));
            } else if (at.getCurrentName() != null) {
                parts.addFirst(StrictText.printable(at.getCurrentName()));
            }
        }
        return parts.isEmpty() ? BODY : String.join(".", parts);
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // a parser over a byte array holds nothing to release
            }
        }
    }
}
