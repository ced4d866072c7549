package org.customerprofile.query.history;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.query.customer.CustomerFilter;
import org.customerprofile.query.customer.KnownFields;
import org.customerprofile.query.customer.PageLinks;
import org.customerprofile.query.customer.PageParameters;
import org.customerprofile.query.feed.PublishedEvents;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.openapi.CustomerSchemas;
import org.customerprofile.web.request.WholeNumber;
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
@Tag(name = "History")
@RequestMapping("/v1/customers/{customerId}")
class CustomerHistoryController {

    private final CustomerHistory history;

    CustomerHistoryController(CustomerHistory history) {
        this.history = history;
    }

    /** A page of a customer's events, oldest first. */
    record EventPage(PageLinks meta, List<CustomerEvent> data) {
    }

    @GetMapping("/events")
    EventPage events(@PathVariable String customerId,
                               @RequestParam(defaultValue = PageParameters.DEFAULT_LIMIT)
                               @WholeNumber(min = 1, max = PageParameters.MAX_LIMIT) String limit,
                               @RequestParam(defaultValue = "0") @WholeNumber(max = Integer.MAX_VALUE) String offset,
                               Caller caller) {
        PageParameters window = PageParameters.of(limit, offset);
        List<DomainEventMessage<?>> events = history.of(customerId, caller.companyId()).orElseThrow(ApiException::notFound);
        List<DomainEventMessage<?>> page = events.subList(Math.min(window.offset(), events.size()),
                (int) Math.min((long) window.offset() + window.limit(), events.size()));
        Map<Long, Long> positions = page.isEmpty() ? Map.of() : history.positions(customerId,
                page.get(0).getSequenceNumber(), page.get(page.size() - 1).getSequenceNumber());
        List<CustomerEvent> data = page.stream()
                .map(event -> PublishedEvents.of(event, positions.get(event.getSequenceNumber())))
                .toList();
        return new EventPage(window.meta("/v1/customers/" + customerId + "/events", null, Map.of(), data.size(), events.size()), data);
    }

    /** Everything held about the person: the customer now and every one of its events, values included. */
    record Export(@Schema(ref = CustomerSchemas.REF + CustomerSchemas.CUSTOMER) Map<String, Object> customer,
                  List<CustomerEvent> events) {
    }

    @Operation(summary = "Export everything held about a customer (GDPR articles 15 and 20)", operationId = "exportCustomer")
    @GetMapping("/export")
    Export export(@PathVariable String customerId, Caller caller) {
        List<DomainEventMessage<?>> events = history.of(customerId, caller.companyId()).orElseThrow(ApiException::notFound);
        if (CustomerHistory.isErased(events)) {
            throw ApiException.gone();
        }
        Map<Long, Long> positions = history.positions(customerId, events.get(0).getSequenceNumber(),
                events.get(events.size() - 1).getSequenceNumber());
        List<CustomerEvent> published = events.stream()
                .map(event -> PublishedEvents.of(event, positions.get(event.getSequenceNumber())))
                .toList();
        return new Export(CustomerState.after(events).toApi(CustomerFilter.of(null)), published);
    }

    @Hidden // documented with retrieve, which shares its path (CustomerQueryController)
    @GetMapping(params = PointInTime.VERSION)
    Map<String, Object> atVersion(@PathVariable String customerId,
                                  @RequestParam(PointInTime.VERSION) @WholeNumber(min = 1) String version,
                                  @RequestParam(required = false) @KnownFields String filter, Caller caller) {
        return pastState(customerId, PointInTime.atVersion(Long.parseLong(version)), filter, caller);
    }

    @Hidden
    @GetMapping(params = PointInTime.AS_OF)
    Map<String, Object> asOf(@PathVariable String customerId, @RequestParam(PointInTime.AS_OF) @IsoInstant String asOf,
                             @RequestParam(required = false) @KnownFields String filter, Caller caller) {
        return pastState(customerId, PointInTime.at(Instant.parse(asOf)), filter, caller);
    }

    /**
     * Names both parameters whatever their values: without this mapping a request naming both would
     * match the two above equally, and Spring would fail it with a 500.
     */
    @Hidden
    @GetMapping(params = {PointInTime.VERSION, PointInTime.AS_OF})
    Map<String, Object> both() {
        throw ApiException.invalid(List.of(
                new InvalidParameter(PointInTime.VERSION, "cannot be combined with " + PointInTime.AS_OF),
                new InvalidParameter(PointInTime.AS_OF, "cannot be combined with " + PointInTime.VERSION)));
    }

    private Map<String, Object> pastState(String customerId, PointInTime when, String filter, Caller caller) {
        CustomerFilter fields = CustomerFilter.of(filter);
        List<DomainEventMessage<?>> all = history.of(customerId, caller.companyId()).orElseThrow(ApiException::notFound);
        if (CustomerHistory.isErased(all)) {
            throw ApiException.gone();
        }
        List<DomainEventMessage<?>> events = when.of(all);
        if (events.isEmpty()) {
            throw ApiException.notFound();
        }
        return CustomerState.after(events).toApi(fields);
    }
}
