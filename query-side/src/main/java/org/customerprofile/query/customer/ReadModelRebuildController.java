package org.customerprofile.query.customer;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators only (like all of {@code /v1/operations}): {@code POST} starts a rebuild of the customer
 * read model from the event store and answers {@code 202}; {@code GET} shows its progress.
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
    @ResponseStatus(HttpStatus.ACCEPTED)
    CustomerReadModelRebuild.Progress start() {
        return rebuild.start();
    }

    @GetMapping
    CustomerReadModelRebuild.Progress progress() {
        return rebuild.progress();
    }
}
