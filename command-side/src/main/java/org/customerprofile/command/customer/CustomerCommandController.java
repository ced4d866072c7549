package org.customerprofile.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.command.consistency.ReadYourWrites;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST} and {@code PUT /v1/customers}: validated requests become commands of the caller's
 * company; the answer waits until the read side shows the write ({@link ReadYourWrites}).
 */
@RestController
@RequestMapping(path = "/v1/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
class CustomerCommandController {

    private final CommandGateway commands;
    private final CustomerRequestReader reader;
    private final ReadYourWrites readYourWrites;

    CustomerCommandController(CommandGateway commands, CustomerRequestReader reader, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.reader = reader;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> create(@RequestBody JsonNode body, Caller caller) {
        Map<String, Object> profile = reader.readCreate(body);
        UUID customerId = UUID.randomUUID();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new CreateCustomer(customerId, caller.companyId(), profile))
                .andMetaData(caller.auditMetaData()));
        return answer(customerId, 0, HttpStatus.CREATED)
                .location(URI.create("/v1/customers/" + customerId))
                .body(Map.of("customer_id", customerId.toString()));
    }

    @PutMapping("/{customerId}")
    ResponseEntity<Map<String, String>> update(@PathVariable String customerId, @RequestBody JsonNode body, Caller caller) {
        UUID id = parse(customerId).orElseThrow(ApiException::notFound);
        Map<String, Object> patch = reader.readUpdate(body);
        long version;
        try {
            version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(new UpdateCustomer(id, caller.companyId(), patch))
                    .andMetaData(caller.auditMetaData()));
        } catch (AggregateNotFoundException | CustomerNotFoundException e) {
            throw ApiException.notFound();
        }
        return answer(id, version, HttpStatus.OK).body(Map.of("status", "success"));
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
