package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.openapi.CustomerSchemas;
import org.customerprofile.web.request.WholeNumber;
import org.customerprofile.web.security.Caller;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/customers[/{id}]}, served from the read model, always within the caller's company. A past
 * state ({@code ?version}, {@code ?as_of}) is not in the read model: {@code CustomerHistoryController} serves
 * it from the event store.
 */
@RestController
@Tag(name = "Customers")
@RequestMapping("/v1/customers")
class CustomerQueryController {

    private final MongoTemplate mongo;
    private final CustomerCollection collection;

    CustomerQueryController(MongoTemplate mongo, CustomerCollection collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** A page of customers, newest first; each item as {@code retrieve} answers it. */
    record CustomerPage(PageLinks meta,
                        @ArraySchema(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.CUSTOMER))
                        List<Map<String, Object>> data) {
    }

    @Operation(summary = "Retrieve a customer, now or as it was", operationId = "retrieveCustomer")
    // version and as_of are served by CustomerHistoryController, whose mappings the document folds in here
    @Parameter(name = "version", in = ParameterIn.QUERY, description = "the state after the customer's n-th event (1: as created)",
            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
    @Parameter(name = "as_of", in = ParameterIn.QUERY, description = "the state at this instant; not with version",
            schema = @Schema(type = "string", format = "date-time"))
    @ApiResponse(responseCode = "200", description = "The customer; with filter, only the fields it names",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.CUSTOMER)))
    @GetMapping("/{customerId}")
    Map<String, Object> retrieve(@PathVariable String customerId, @RequestParam(required = false) @KnownFields String filter,
                                 Caller caller) {
        CustomerFilter fields = CustomerFilter.of(filter);
        // by _id alone: the one index the in-process wire server uses (a compound filter scans every
        // document there); the company is checked on the document instead
        Query query = fields.project(new Query(where(CustomerDocument.ID).is(customerId)));
        if (!fields.paths().isEmpty()) {
            query.fields().include(CustomerDocument.COMPANY_ID).include(CustomerDocument.ERASED);
        }
        Document document = mongo.findOne(query, Document.class, collection.name());
        if (document == null || !caller.companyId().toString().equals(document.get(CustomerDocument.COMPANY_ID))) {
            throw ApiException.notFound();
        }
        if (Boolean.TRUE.equals(document.get(CustomerDocument.ERASED))) {
            throw ApiException.gone();
        }
        if (!fields.selects(CustomerDocument.COMPANY_ID)) {
            document.remove(CustomerDocument.COMPANY_ID);
        }
        return CustomerDocument.toApi(document);
    }

    @Operation(summary = "List or search the company's customers, newest first", operationId = "listCustomers",
            description = "Without search parameters, every customer of the company. Search parameters combine with AND; "
                    + "a blank one is no search. Every page link carries the given search parameters after offset, in the order "
                    + "of this list. After a write answered 200 or 201, the customer is found by its new values, not its old ones.")
    @GetMapping
    CustomerPage list(@RequestParam(required = false) @KnownFields String filter,
                      @RequestParam(defaultValue = PageParameters.DEFAULT_LIMIT)
                      @WholeNumber(min = 1, max = PageParameters.MAX_LIMIT) String limit,
                      @RequestParam(defaultValue = "0") @WholeNumber(max = Integer.MAX_VALUE) String offset,
                      @RequestParam(required = false) @Searches(SearchParameter.EMAIL) String email,
                      @RequestParam(required = false) @Searches(SearchParameter.PHONE) String phone,
                      @RequestParam(required = false) @Searches(SearchParameter.POSTCODE) String postcode,
                      @RequestParam(name = "first_name", required = false) @Searches(SearchParameter.FIRST_NAME) String firstName,
                      @RequestParam(name = "last_name", required = false) @Searches(SearchParameter.LAST_NAME) String lastName,
                      @RequestParam(required = false) @Searches(SearchParameter.Q) String q,
                      @RequestParam(name = "created_from", required = false) @Searches(SearchParameter.CREATED_FROM) String createdFrom,
                      @RequestParam(name = "created_to", required = false) @Searches(SearchParameter.CREATED_TO) String createdTo,
                      @RequestParam(required = false) @Searches(SearchParameter.REFERENCE) String reference,
                      Caller caller) {
        PageParameters window = PageParameters.of(limit, offset);
        CustomerFilter fields = CustomerFilter.of(filter);
        Map<SearchParameter, String> given = new EnumMap<>(SearchParameter.class);
        given.put(SearchParameter.EMAIL, email);
        given.put(SearchParameter.PHONE, phone);
        given.put(SearchParameter.POSTCODE, postcode);
        given.put(SearchParameter.FIRST_NAME, firstName);
        given.put(SearchParameter.LAST_NAME, lastName);
        given.put(SearchParameter.Q, q);
        given.put(SearchParameter.CREATED_FROM, createdFrom);
        given.put(SearchParameter.CREATED_TO, createdTo);
        given.put(SearchParameter.REFERENCE, reference);
        CustomerSearch search = new CustomerSearch(given);
        Criteria criteria = search.criteria(caller.companyId().toString());
        // one count and one sorted query per request: on the wire server each is a scan of the collection
        long total = mongo.count(new Query(criteria), collection.name());
        Query page = fields.project(new Query(criteria))
                .with(Sort.by(Sort.Order.desc(CustomerDocument.CREATED), Sort.Order.desc(CustomerDocument.ID)))
                .skip(window.offset())
                .limit(window.limit());
        List<Map<String, Object>> data = mongo.find(page, Document.class, collection.name()).stream()
                .map(CustomerDocument::toApi)
                .toList();
        return new CustomerPage(window.meta("/v1/customers", fields.raw(), search.linkParameters(), data.size(), total), data);
    }
}
