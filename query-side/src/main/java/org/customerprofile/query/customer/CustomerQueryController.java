package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
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

/** {@code GET /v1/customers[/{id}]}, served from the read model, always within the caller's company. */
@RestController
@RequestMapping("/v1/customers")
class CustomerQueryController {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private final MongoTemplate mongo;

    CustomerQueryController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/{customerId}")
    Map<String, Object> retrieve(@PathVariable String customerId, @RequestParam(required = false) String filter, Caller caller) {
        List<InvalidParameter> problems = new ArrayList<>();
        CustomerFilter fields = CustomerFilter.parse(filter, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Query query = fields.project(new Query(ofCompany(caller).and(CustomerDocument.ID).is(customerId)));
        Document document = mongo.findOne(query, Document.class, CustomerDocument.COLLECTION);
        if (document == null) {
            throw ApiException.notFound();
        }
        return CustomerDocument.toApi(document);
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String filter,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String offset,
                             @RequestParam(required = false) String reference,
                             Caller caller) {
        List<InvalidParameter> problems = new ArrayList<>();
        int pageSize = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, problems);
        int skip = number("offset", offset, 0, 0, Integer.MAX_VALUE, problems);
        CustomerFilter fields = CustomerFilter.parse(filter, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Criteria criteria = ofCompany(caller);
        Map<String, String> others = new LinkedHashMap<>();
        if (reference != null && !reference.isBlank()) {
            criteria = criteria.and("reference").is(reference.strip());
            others.put("reference", reference.strip());
        }
        long total = mongo.count(new Query(criteria), CustomerDocument.COLLECTION);
        Query page = fields.project(new Query(criteria))
                .with(Sort.by(Sort.Order.desc(CustomerDocument.CREATED), Sort.Order.desc(CustomerDocument.ID)))
                .skip(skip)
                .limit(pageSize);
        List<Map<String, Object>> data = mongo.find(page, Document.class, CustomerDocument.COLLECTION).stream()
                .map(CustomerDocument::toApi)
                .toList();
        PageLinks meta = PageLinks.of("/v1/customers", fields.raw(), others, data.size(), skip, pageSize, total);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("data", data);
        return body;
    }

    private static Criteria ofCompany(Caller caller) {
        return where(CustomerDocument.COMPANY_ID).is(caller.companyId().toString());
    }

    private static int number(String name, String value, int absent, int min, int max, List<InvalidParameter> problems) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new InvalidParameter(name, max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return absent;
    }
}
