package org.customerprofile.query.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.web.error.ApiError;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.request.WholeNumber;
import org.customerprofile.web.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The caller's company's customer events for downstream services: pages by cursor
 * ({@code GET /v1/events?after=&limit=}) and a live tail as Server-Sent Events ({@code /v1/events/stream}).
 * A cursor is the {@code position} of the last event a reader has; {@code 0} reads from the start.
 */
@RestController
@Tag(name = "Events")
@RequestMapping("/v1/events")
class EventFeedController {

    static final String DEFAULT_LIMIT = "100";
    static final long MAX_LIMIT = 1000;

    private final CustomerEventFeed feed;
    private final EventStreams streams;

    EventFeedController(CustomerEventFeed feed, EventStreams streams) {
        this.feed = feed;
        this.streams = streams;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FeedLink(String rel, String href) {
    }

    /** {@code next} is the cursor to read on with: after the last event of this page, or {@code after} again when it is empty. */
    record FeedMeta(int count, String after, int limit, String next, List<FeedLink> links) {
    }

    /** {@code data}: each event as {@link FeedEvent} encoded it when it was first served. */
    record FeedPage(FeedMeta meta, @ArraySchema(schema = @Schema(implementation = CustomerEvent.class)) List<FeedEvent> data) {
    }

    @GetMapping
    FeedPage page(@RequestParam(defaultValue = "0") @WholeNumber String after,
              @RequestParam(defaultValue = DEFAULT_LIMIT) @WholeNumber(min = 1, max = MAX_LIMIT) String limit,
              Caller caller) {
        long from = Long.parseLong(after);
        int size = Integer.parseInt(limit);
        List<FeedEvent> events = feed.after(caller.companyId(), from, size);
        long next = events.isEmpty() ? from : events.get(events.size() - 1).position();
        List<FeedLink> links = List.of(new FeedLink("self", href(from, size)), new FeedLink("next", href(next, size)));
        return new FeedPage(new FeedMeta(events.size(), Long.toString(from), size, Long.toString(next), links), events);
    }

    /**
     * Every event after {@code Last-Event-ID} (what an SSE client sends when it reconnects), else after
     * {@code after}, else from now on; each SSE event's id is its position. The stream ends when the
     * caller's token expires: reconnect with a fresh token and the last id. An app holds at most
     * {@code customers.events.max-streams-per-app} streams at once.
     */
    @ApiResponse(responseCode = "200", description = "Server-Sent Events: id is the event's position, data the event",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = CustomerEvent.class)))
    @ApiResponse(responseCode = "429", description = "The app holds as many open streams as it may; Retry-After says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/stream")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) @WholeNumber String lastEventId,
                      @RequestParam(required = false) @WholeNumber String after,
                      Caller caller, @AuthenticationPrincipal Jwt token) {
        long start = lastEventId != null ? Long.parseLong(lastEventId)
                : after != null ? Long.parseLong(after)
                : feed.head(caller.companyId());
        Instant until = token.getExpiresAt() == null ? Instant.MAX : token.getExpiresAt();
        return streams.open(caller.companyId(), caller.appId(), start, until).orElseThrow(TooManyStreams::new);
    }

    /** The stream's headers, as {@code GET} would answer them, and no stream: nothing is held open for a {@code HEAD}. */
    @Hidden
    @RequestMapping(path = "/stream", method = RequestMethod.HEAD)
    ResponseEntity<Void> streamHeaders(@RequestHeader(name = "Last-Event-ID", required = false) @WholeNumber String lastEventId,
                                       @RequestParam(required = false) @WholeNumber String after,
                                       Caller caller) {
        if (!streams.hasRoom(caller.appId())) {
            throw new TooManyStreams();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).build();
    }

    /** JSON whatever the request accepts (an SSE client sends {@code Accept: text/event-stream}), with when to retry. */
    @ExceptionHandler(TooManyStreams.class)
    ResponseEntity<ApiError> tooManyStreams(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(streams.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(ErrorType.TOO_MANY_REQUESTS, request.getRequestURI(), List.of()));
    }

    /** The caller's app holds as many open streams as it may. */
    private static final class TooManyStreams extends RuntimeException {
        TooManyStreams() {
            super("too many open event streams", null, false, false);
        }
    }

    private static String href(long after, int limit) {
        return "/v1/events?after=" + after + "&limit=" + limit;
    }

}
