package org.customerprofile.web.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customerprofile.web.error.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.customerprofile.web.security.SecurityEvents;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request an app makes with its token (or, on the metrics, its key) takes a token from the app's
 * bucket; an empty bucket answers {@code 429} with {@code Retry-After}. Requests without an app (health,
 * the API docs, login, refusals of bad tokens) are not the app's and are not counted here.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

    private final RateLimitsProperties.Api limits;
    private final ObjectMapper objectMapper;
    /** One per app that has sent a request: apps are configured, so the map stays as small as their list. */
    private final Map<String, AppBucket> apps = new ConcurrentHashMap<>();

    ApiRateLimitFilter(RateLimitsProperties.Api limits, ObjectMapper objectMapper) {
        this.limits = limits;
        this.objectMapper = objectMapper;
    }

    /** An app's bucket and whether its last request was refused, so a run of refusals is logged once. */
    private static final class AppBucket {
        final Bucket bucket;
        long refusedInARow;

        AppBucket(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        String appId = authentication.getName();
        AppBucket app = apps.computeIfAbsent(appId, id -> new AppBucket(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.capacity()).refillGreedy(limits.refillPerSecond(), Duration.ofSeconds(1)).build())
                .build()));
        ConsumptionProbe probe = app.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            endRefusals(app, appId);
            chain.doFilter(request, response);
            return;
        }
        Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
        boolean first;
        synchronized (app) {
            first = app.refusedInARow++ == 0;
        }
        if (first) {
            SecurityEvents.apiRateLimited(appId, ClientAddress.of(request.getRemoteAddr()), retryAfter);
        }
        ApiException refusal = ApiException.tooManyRequests(retryAfter);
        response.setStatus(refusal.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        refusal.retryAfterSeconds().ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, seconds));
        objectMapper.writeValue(response.getOutputStream(), refusal.toError(request.getRequestURI()));
    }

    private static void endRefusals(AppBucket app, String appId) {
        long refused;
        synchronized (app) {
            refused = app.refusedInARow;
            app.refusedInARow = 0;
        }
        if (refused > 0) {
            SecurityEvents.apiRateLimitEnded(appId, refused);
        }
    }
}
