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
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.command.consistency.ReadYourWrites;
import org.customerprofile.command.eventstore.Commands;
import org.customerprofile.command.idempotency.IdempotencyKeyInUseException;
import org.customerprofile.command.idempotency.IdempotencyKeys;
import org.customerprofile.command.reference.ReferenceTakenException;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.openapi.CustomerSchemas;
import org.customerprofile.web.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST} and {@code PUT /v1/customers}: validated requests become commands of the caller's
 * company; a request repeated with its {@code Idempotency-Key} answers as the first did without
 * executing again; the answer waits until the read side shows the write ({@link ReadYourWrites}).
 */
@RestController
@Tag(name = "Customers")
@RequestMapping(path = "/v1/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
class CustomerCommandController {

    private final Commands commands;
    private final CustomerRequestReader reader;
    private final IdempotencyKeys idempotencyKeys;
    private final ReadYourWrites readYourWrites;

    CustomerCommandController(Commands commands, CustomerRequestReader reader, IdempotencyKeys idempotencyKeys,
                              ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.reader = reader;
        this.idempotencyKeys = idempotencyKeys;
        this.readYourWrites = readYourWrites;
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
        Map<String, Object> profile = reader.readCreate(body);
        IdempotencyKeys.Request idempotency = idempotencyKeys.request(caller.companyId(), key, "POST", "/v1/customers", body);
        Optional<UUID> earlier = idempotency.earlierCustomer();
        UUID customerId = earlier.orElseGet(UUID::randomUUID);
        if (earlier.isEmpty() && execute(new CreateCustomer(customerId, caller.companyId(), profile), caller, idempotency, customerId).isEmpty()) {
            customerId = idempotency.earlierCustomer().orElseThrow();
        }
        return answer(customerId, 0, HttpStatus.CREATED)
                .location(URI.create("/v1/customers/" + customerId))
                .body(Map.of("customer_id", customerId.toString()));
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
        Map<String, Object> patch = reader.readUpdate(body);
        IdempotencyKeys.Request idempotency = idempotencyKeys.request(caller.companyId(), key, "PUT", "/v1/customers/" + id, body);
        if (idempotency.earlierCustomer().isPresent()) {
            return ResponseEntity.ok(Map.of("status", "success"));
        }
        Optional<Long> version = execute(new UpdateCustomer(id, caller.companyId(), patch), caller, idempotency, id);
        if (version.isEmpty()) {
            return ResponseEntity.ok(Map.of("status", "success"));
        }
        return answer(id, version.get(), HttpStatus.OK).body(Map.of("status", "success"));
    }

    /** The command's result, or empty when a concurrent request with the same idempotency key executed it instead. */
    private <R> Optional<R> execute(Object command, Caller caller, IdempotencyKeys.Request idempotency, UUID customerId) {
        try {
            return Optional.of(commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(caller.auditMetaData())
                    .andMetaData(idempotency.metaData(customerId))));
        } catch (IdempotencyKeyInUseException concurrentRequest) {
            return Optional.empty();
        } catch (AggregateNotFoundException | CustomerNotFoundException e) {
            throw ApiException.notFound();
        } catch (ReferenceTakenException e) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorType.CONFLICT, "reference taken",
                    List.of(new InvalidParameter("reference", "is already used by customer " + e.holder())));
        }
    }

    /** {@code status} once the read side shows {@code sequence}; {@code 202} if it did not within the wait. */
    private ResponseEntity.BodyBuilder answer(UUID customerId, long sequence, HttpStatus status) {
        boolean visible = readYourWrites.awaitVisible(customerId, sequence);
        return ResponseEntity.status(visible ? status : HttpStatus.ACCEPTED)
                .header(ReadYourWrites.HEADER, visible ? "applied" : "pending");
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
