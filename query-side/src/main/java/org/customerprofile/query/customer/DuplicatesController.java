package org.customerprofile.query.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.customerprofile.web.openapi.CustomerSchemas;
import org.customerprofile.web.request.CustomerRequestReader;
import org.customerprofile.web.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/customers/duplicates}: a would-be customer's body, read and checked exactly as a create's,
 * answered with the company's customers that are probably the same person. A question, not a write: no event,
 * no idempotency record; served by the query side, from the read model.
 */
@RestController
@Tag(name = "Customers")
class DuplicatesController {

    private final CustomerRequestReader reader;
    private final CustomerDuplicates duplicates;

    DuplicatesController(CustomerRequestReader reader, CustomerDuplicates duplicates) {
        this.reader = reader;
        this.duplicates = duplicates;
    }

    /** The probable duplicates, strongest first. */
    record DuplicateList(List<CustomerDuplicates.Duplicate> data) {
    }

    @Operation(summary = "Find customers that are probably the same person", operationId = "findDuplicates",
            description = "Before creating a customer, send its body (the create schema, every field optional, checked as a create "
                    + "checks it). Reasons: email (any of the three emails equals any of the other's, ignoring case), phone (a phone's "
                    + "digits, with or without country code), name_dob (same first and last name ignoring case and accents, and same "
                    + "dob), name_postcode (same name, and a billing or shipping postcode in common ignoring case and spaces). "
                    + "score = 1 - the product of (1 - weight) over the reasons, weights email 0.9, name_dob 0.8, name_postcode 0.7, "
                    + "phone 0.6. At most 10, strongest first (newest first among equal scores); erased customers are never "
                    + "answered. Writes nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.CREATE))))
    @ApiResponse(responseCode = "200", description = "The probable duplicates; an empty data when there are none")
    @PostMapping(path = "/v1/customers/duplicates", consumes = MediaType.APPLICATION_JSON_VALUE)
    DuplicateList find(@RequestBody JsonNode body, Caller caller) {
        return new DuplicateList(duplicates.of(caller.companyId().toString(), reader.readCreate(body)));
    }
}
