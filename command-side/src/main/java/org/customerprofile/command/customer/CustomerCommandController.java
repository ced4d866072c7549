package org.customerprofile.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.command.consistency.ReadYourWrites;
import org.customerprofile.command.idempotency.IdempotencyKeys;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.request.CustomerRequestReader;
import org.customerprofile.web.openapi.CustomerSchemas;
import org.customerprofile.web.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import com.fasterxml.jackson.databind.node.NullNode;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST}, {@code PUT} and {@code DELETE /v1/customers}: reads the request, runs the use case of
 * {@link CustomerWrites} for the caller's company, and answers its outcome in the contract's terms.
 */
@RestController
@Tag(name = "Customers")
@RequestMapping(path = "/v1/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
class CustomerCommandController {

    /** Seconds a client should wait before sending a write again while the event store is unreachable. */

    private final CustomerWrites writes;
    private final CustomerRequestReader reader;
    private final IdempotencyKeys idempotencyKeys;

    CustomerCommandController(CustomerWrites writes, CustomerRequestReader reader, IdempotencyKeys idempotencyKeys) {
        this.writes = writes;
        this.reader = reader;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Operation(summary = "Create a customer", operationId = "createCustomer",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.CREATE))))
    @ApiResponse(responseCode = "201", description = "Created, and shown by reads",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.CREATED)))
    @ApiResponse(responseCode = "202", description = "Created; reads may not show it yet",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.CREATED)))
    @PostMapping
    ResponseEntity<Map<String, String>> create(@RequestBody JsonNode body, Caller caller,
                                               @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        Profile profile = reader.readCreate(body);
        IdempotencyKeys.Request idempotency = idempotencyKeys.request(caller.companyId(), acceptable(key), "POST", "/v1/customers", body);
        return answer(writes.create(caller, profile, idempotency));
    }

    @Operation(summary = "Update a customer", operationId = "updateCustomer",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.UPDATE))))
    @ApiResponse(responseCode = "200", description = "Updated, and shown by reads",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.UPDATED)))
    @ApiResponse(responseCode = "202", description = "Updated; reads may not show it yet",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.UPDATED)))
    @PutMapping("/{customerId}")
    ResponseEntity<Map<String, String>> update(@PathVariable String customerId, @RequestBody JsonNode body, Caller caller,
                                               @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        UUID id = parse(customerId).orElseThrow(ApiException::notFound);
        Map<CustomerField, Object> patch = reader.readUpdate(body);
        IdempotencyKeys.Request idempotency = idempotencyKeys.request(caller.companyId(), acceptable(key), "PUT", "/v1/customers/" + id, body);
        return answer(writes.update(caller, id, patch, idempotency));
    }

    @Operation(summary = "Erase a customer (right to erasure)", operationId = "eraseCustomer",
            description = "Destroys the customer's personal values everywhere; its history keeps every event without them. "
                    + "Afterwards the customer answers 410 to its company and 404 to any other.")
    @ApiResponse(responseCode = "200", description = "Erased, and reads show it gone",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.UPDATED)))
    @ApiResponse(responseCode = "202", description = "Erased; the read model may not show it yet",
            content = @Content(schema = @Schema(ref = CustomerSchemas.REF + CustomerSchemas.UPDATED)))
    // a DELETE has no body: any content type, or none, is accepted
    @DeleteMapping(path = "/{customerId}", consumes = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, String>> erase(@PathVariable String customerId, Caller caller,
                                              @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        UUID id = parse(customerId).orElseThrow(ApiException::notFound);
        IdempotencyKeys.Request idempotency = idempotencyKeys.request(caller.companyId(), acceptable(key), "DELETE", "/v1/customers/" + id,
                NullNode.getInstance());
        return answerErasure(writes.erase(caller, id, idempotency));
    }

    /** {@code 200}, or {@code 202} when the read model does not show the erasure yet; {@code 410} when it was erased before. */
    static ResponseEntity<Map<String, String>> answerErasure(EraseOutcome outcome) {
        return success(outcome);
    }

    /** {@code 201} with the new customer's location, or {@code 202} when the read side did not show it within the wait. */
    static ResponseEntity<Map<String, String>> answer(CreateOutcome outcome) {
        if (outcome instanceof WriteRefusal refusal) {
            throw refused(refusal);
        }
        UUID customerId;
        boolean visible;
        if (outcome instanceof CreateOutcome.Created created) {
            customerId = created.customerId();
            visible = created.visible();
        } else if (outcome instanceof CreateOutcome.Replayed replayed) {
            customerId = replayed.customerId();
            visible = replayed.visible();
        } else {
            throw new IllegalStateException("unknown outcome " + outcome);
        }
        return written(visible, HttpStatus.CREATED)
                .location(URI.create("/v1/customers/" + customerId))
                .body(Map.of("customer_id", customerId.toString()));
    }

    /** {@code 200}, or {@code 202} when the read side did not show the update within the wait; a replay answers {@code 200} as is. */
    static ResponseEntity<Map<String, String>> answer(UpdateOutcome outcome) {
        return success(outcome);
    }

    /** An update's or an erasure's outcome: both answer {@code {"status": "success"}} once done. */
    private static ResponseEntity<Map<String, String>> success(Object outcome) {
        if (outcome instanceof WriteRefusal refusal) {
            throw refused(refusal);
        }
        if (outcome instanceof UpdateOutcome.NotFound) {
            throw ApiException.notFound();
        }
        if (outcome instanceof UpdateOutcome.Gone) {
            throw ApiException.gone();
        }
        if (outcome instanceof UpdateOutcome.Updated updated) {
            return written(updated.visible(), HttpStatus.OK).body(Map.of("status", "success"));
        }
        if (outcome instanceof EraseOutcome.Erased erased) {
            return written(erased.visible(), HttpStatus.OK).body(Map.of("status", "success"));
        }
        if (outcome instanceof UpdateOutcome.Replayed || outcome instanceof EraseOutcome.Replayed) {
            return ResponseEntity.ok(Map.of("status", "success"));
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    private static ResponseEntity.BodyBuilder written(boolean visible, HttpStatus status) {
        return ResponseEntity.status(visible ? status : HttpStatus.ACCEPTED)
                .header(ReadYourWrites.HEADER, visible ? "applied" : "pending");
    }

    static ApiException refused(WriteRefusal refusal) {
        if (refusal instanceof WriteRefusal.ReferenceTaken taken) {
            return new ApiException(HttpStatus.CONFLICT, ErrorType.CONFLICT, "reference taken",
                    List.of(new InvalidParameter("reference", "is already used by customer " + taken.holder())));
        }
        if (refusal instanceof WriteRefusal.IdempotencyKeyReused) {
            return new ApiException(HttpStatus.CONFLICT, ErrorType.CONFLICT, "idempotency key reused",
                    List.of(new InvalidParameter(IdempotencyKeys.HEADER, "was used for a different request")));
        }
        throw new IllegalStateException("unknown refusal " + refusal);
    }

    private static String acceptable(String key) {
        if (key != null && !IdempotencyKeys.acceptable(key)) {
            throw ApiException.invalid(IdempotencyKeys.HEADER, "must be 1 to 255 characters");
        }
        return key;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
