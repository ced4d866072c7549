package org.customerprofile.web.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.rate-limits.*}: how many failed logins and how many API requests the service takes
 * before it answers {@code 429} with {@code Retry-After}.
 *
 * @param login failed logins ({@code POST /v1/login}, and HTTP Basic on the metrics)
 * @param api   requests per app on everything a token or an app key opens
 */
@ConfigurationProperties("customers.rate-limits")
@Validated
public record RateLimitsProperties(@DefaultValue @Valid Login login, @DefaultValue @Valid Api api) {

    /**
     * Failed logins, counted in PostgreSQL so that every process counts the same ones. A successful login
     * counts nothing.
     *
     * @param failuresPerAppAndAddress failed logins for one app id from one client address within a window;
     *                                 beyond them that app id is refused from that address, right key or not,
     *                                 until the window ends
     * @param failuresPerAddress       failed logins from one client address within a window whatever the app id
     *                                 (an IPv6 address counts with its whole /64); beyond them every login from
     *                                 that address is refused until the window ends
     * @param window                   how long a window lasts: the longest a lockout lasts
     */
    public record Login(@DefaultValue("10") @Positive int failuresPerAppAndAddress,
                        @DefaultValue("30") @Positive int failuresPerAddress,
                        @DefaultValue("1m") @DurationMin(seconds = 1) Duration window) {
    }

    /**
     * Requests per app, a token bucket kept in each process's memory: with several processes behind one
     * gateway an app may send up to their number times this rate.
     *
     * @param capacity        the burst: requests an idle app may send at once
     * @param refillPerSecond the sustained rate: requests per second added back to the bucket
     */
    public record Api(@DefaultValue("200") @Positive int capacity, @DefaultValue("100") @Positive int refillPerSecond) {
    }
}
