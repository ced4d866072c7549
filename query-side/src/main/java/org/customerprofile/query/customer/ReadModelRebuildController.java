package org.customerprofile.query.customer;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators only (like all of {@code /v1/operations}): {@code POST} starts a rebuild of the customer
 * read model from the event store and answers {@code 202} ({@code 409} while one runs); {@code GET}
 * shows its progress.
 */
@RestController
@Tag(name = "Operations")
@RequestMapping("/v1/operations/read-model/rebuild")
class ReadModelRebuildController {

    private final CustomerReadModelRebuild rebuild;

    ReadModelRebuildController(CustomerReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @ApiResponse(responseCode = "202", description = "Accepted: the rebuild runs; GET shows its progress", useReturnTypeSchema = true)
    ResponseEntity<CustomerReadModelRebuild.Progress> start() {
        return rebuild.start()
                .map(started -> ResponseEntity.status(HttpStatus.ACCEPTED).body(started))
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, ErrorType.CONFLICT, "a rebuild is running", List.of()));
    }

    @GetMapping
    CustomerReadModelRebuild.Progress progress() {
        return rebuild.progress();
    }
}
