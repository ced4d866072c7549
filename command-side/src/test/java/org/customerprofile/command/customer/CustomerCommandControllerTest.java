package org.customerprofile.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.UUID;
import org.customerprofile.command.consistency.ReadYourWrites;
import org.customerprofile.web.error.ApiError;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.error.InvalidParameter;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** How each outcome of a write is answered in the contract's terms. */
class CustomerCommandControllerTest {

    private static final UUID CUSTOMER = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID HOLDER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    @Test
    void aVisibleCreateIsCreatedWithItsLocation() {
        ResponseEntity<Map<String, String>> answer = CustomerCommandController.answer(new CreateOutcome.Created(CUSTOMER, true));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).hasToString("/v1/customers/" + CUSTOMER);
        assertThat(answer.getHeaders().getFirst(ReadYourWrites.HEADER)).isEqualTo("applied");
        assertThat(answer.getBody()).isEqualTo(Map.of("customer_id", CUSTOMER.toString()));
    }

    @Test
    void aCreateTheReadSideDoesNotShowYetIsAccepted() {
        ResponseEntity<Map<String, String>> answer = CustomerCommandController.answer(new CreateOutcome.Created(CUSTOMER, false));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getHeaders().getLocation()).hasToString("/v1/customers/" + CUSTOMER);
        assertThat(answer.getHeaders().getFirst(ReadYourWrites.HEADER)).isEqualTo("pending");
    }

    @Test
    void aReplayedCreateAnswersAsTheFirstDid() {
        assertThat(CustomerCommandController.answer(new CreateOutcome.Replayed(CUSTOMER, true)))
                .isEqualTo(CustomerCommandController.answer(new CreateOutcome.Created(CUSTOMER, true)));
        assertThat(CustomerCommandController.answer(new CreateOutcome.Replayed(CUSTOMER, false)).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void anUpdateIsOkOrAcceptedBySuccess() {
        ResponseEntity<Map<String, String>> visible = CustomerCommandController.answer(new UpdateOutcome.Updated(true));
        ResponseEntity<Map<String, String>> pending = CustomerCommandController.answer(new UpdateOutcome.Updated(false));

        assertThat(visible.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(visible.getHeaders().getFirst(ReadYourWrites.HEADER)).isEqualTo("applied");
        assertThat(pending.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(pending.getHeaders().getFirst(ReadYourWrites.HEADER)).isEqualTo("pending");
        assertThat(visible.getBody()).isEqualTo(pending.getBody()).isEqualTo(Map.of("status", "success"));
    }

    @Test
    void aReplayedUpdateIsOkWithoutWaitingForTheReadSide() {
        ResponseEntity<Map<String, String>> answer = CustomerCommandController.answer(new UpdateOutcome.Replayed());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().containsKey(ReadYourWrites.HEADER)).isFalse();
        assertThat(answer.getBody()).isEqualTo(Map.of("status", "success"));
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        ApiError error = refusedWith(() -> CustomerCommandController.answer(new UpdateOutcome.NotFound()), HttpStatus.NOT_FOUND);

        assertThat(error.errorType()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(error.invalidParameters()).isEmpty();
    }

    @Test
    void aTakenReferenceIsAConflictNamingItsHolder() {
        for (Runnable write : new Runnable[] {
                () -> CustomerCommandController.answer((CreateOutcome) new WriteRefusal.ReferenceTaken(HOLDER)),
                () -> CustomerCommandController.answer((UpdateOutcome) new WriteRefusal.ReferenceTaken(HOLDER))}) {
            ApiError error = refusedWith(write, HttpStatus.CONFLICT);

            assertThat(error.errorType()).isEqualTo(ErrorType.CONFLICT);
            assertThat(error.invalidParameters()).containsExactly(new InvalidParameter("reference", "is already used by customer " + HOLDER));
        }
    }

    @Test
    void aReusedIdempotencyKeyIsAConflictOnTheHeader() {
        for (Runnable write : new Runnable[] {
                () -> CustomerCommandController.answer((CreateOutcome) new WriteRefusal.IdempotencyKeyReused()),
                () -> CustomerCommandController.answer((UpdateOutcome) new WriteRefusal.IdempotencyKeyReused())}) {
            ApiError error = refusedWith(write, HttpStatus.CONFLICT);

            assertThat(error.errorType()).isEqualTo(ErrorType.CONFLICT);
            assertThat(error.invalidParameters()).containsExactly(new InvalidParameter("Idempotency-Key", "was used for a different request"));
        }
    }

    private static ApiError refusedWith(Runnable write, HttpStatus status) {
        ApiException refusal = catchThrowableOfType(write::run, ApiException.class);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.status()).isEqualTo(status);
        return refusal.toError("/v1/customers");
    }
}
