package org.customerprofile.query.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.query.customer.CustomerFilter;
import org.customerprofile.query.customer.PageParameters;
import org.customerprofile.query.feed.PublishedEvents;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's audit history and past states, from the event store, within the caller's company.
 * {@code GET /v1/customers/{id}} with {@code version} or {@code as_of} is routed here by those
 * parameters; without them the read model serves it.
 */
@RestController
@RequestMapping("/v1/customers/{customerId}")
class CustomerHistoryController {

    private final CustomerHistory history;

    CustomerHistoryController(CustomerHistory history) {
        this.history = history;
    }

    @GetMapping("/events")
    Map<String, Object> events(@PathVariable String customerId,
                               @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String offset,
                               Caller caller) {
        List<InvalidParameter> problems = new ArrayList<>();
        PageParameters window = PageParameters.parse(limit, offset, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        List<DomainEventMessage<?>> events = history.of(customerId, caller.companyId()).orElseThrow(ApiException::notFound);
        List<DomainEventMessage<?>> page = events.subList(Math.min(window.offset(), events.size()),
                (int) Math.min((long) window.offset() + window.limit(), events.size()));
        Map<Long, Long> positions = page.isEmpty() ? Map.of() : history.positions(customerId,
                page.get(0).getSequenceNumber(), page.get(page.size() - 1).getSequenceNumber());
        List<CustomerEvent> data = page.stream()
                .map(event -> PublishedEvents.of(event, positions.get(event.getSequenceNumber())))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", window.meta("/v1/customers/" + customerId + "/events", null, Map.of(), data.size(), events.size()));
        body.put("data", data);
        return body;
    }

    @GetMapping(params = PointInTime.VERSION)
    Map<String, Object> atVersion(@PathVariable String customerId, @RequestParam(PointInTime.VERSION) String version,
                                  @RequestParam(required = false) String filter, Caller caller) {
        return pastState(customerId, version, null, filter, caller);
    }

    @GetMapping(params = PointInTime.AS_OF)
    Map<String, Object> asOf(@PathVariable String customerId, @RequestParam(PointInTime.AS_OF) String asOf,
                             @RequestParam(required = false) String filter, Caller caller) {
        return pastState(customerId, null, asOf, filter, caller);
    }

    /** Without this mapping a request naming both would match the two above equally: Spring would fail it with a 500. */
    @GetMapping(params = {PointInTime.VERSION, PointInTime.AS_OF})
    Map<String, Object> both(@PathVariable String customerId, @RequestParam(PointInTime.VERSION) String version,
                             @RequestParam(PointInTime.AS_OF) String asOf, @RequestParam(required = false) String filter,
                             Caller caller) {
        return pastState(customerId, version, asOf, filter, caller);
    }

    private Map<String, Object> pastState(String customerId, String version, String asOf, String filter, Caller caller) {
        List<InvalidParameter> problems = new ArrayList<>();
        PointInTime when = PointInTime.parse(version, asOf, problems);
        CustomerFilter fields = CustomerFilter.parse(filter, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        List<DomainEventMessage<?>> events = when.of(history.of(customerId, caller.companyId()).orElseThrow(ApiException::notFound));
        if (events.isEmpty()) {
            throw ApiException.notFound();
        }
        return CustomerState.after(events).toApi(fields);
    }
}
