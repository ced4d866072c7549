package org.customerprofile.command.reference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.reference.ReferenceClaimed;
import org.customerprofile.api.reference.ReferenceReleased;
import org.customerprofile.api.reference.ReleaseReference;
import org.customerprofile.personal.MasterKey;
import org.customerprofile.personal.ReferenceHashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReferenceSagaTest {

    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID ALICE = UUID.fromString("0b6f8a52-3c2e-4d1f-9a7b-5e4d3c2b1a09");
    private static final UUID BOB = UUID.fromString("5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5");
    private static final ReferenceHashes HASHES = new ReferenceHashes(MasterKey.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    private static final String HASH = HASHES.of(COMPANY, "order-7");
    private static final String CLAIM = "reference/" + COMPANY + "/" + HASH;

    private SagaTestFixture<ReferenceSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ReferenceSaga.class);
        fixture.registerResource(HASHES);
    }

    @Test
    void claimWonStartsFollowingItsHolder() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .expectActiveSagas(1)
                .expectAssociationWith("claimId", CLAIM)
                .expectAssociationWith("customerId", ALICE.toString())
                .expectNoDispatchedCommands();
    }

    @Test
    void releasesTheClaimWhenItsHolderChangesReference() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .whenPublishingA(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "Order-8"))))
                .expectDispatchedCommands(new ReleaseReference(CLAIM, ALICE))
                .expectActiveSagas(1);
    }

    @Test
    void releasesTheClaimWhenItsHolderClearsTheReference() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .whenPublishingA(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", null))))
                .expectDispatchedCommands(new ReleaseReference(CLAIM, ALICE));
    }

    @Test
    void keepsTheClaimWhenOtherFieldsOrOnlyTheCaseChange() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .andThenAPublished(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.FIRST_NAME, new FieldChange(null, "Alice"))))
                .whenPublishingA(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "ORDER-7 "))))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void claimLostToANewHolderFollowsTheNewHolderOnly() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .whenPublishingA(new ReferenceClaimed(CLAIM, COMPANY, HASH, BOB, ALICE))
                .expectActiveSagas(1)
                .expectNoAssociationWith("customerId", ALICE.toString())
                .expectAssociationWith("customerId", BOB.toString())
                .expectNoDispatchedCommands();
    }

    @Test
    void formerHolderChangingReferenceReleasesNothing() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .andThenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, BOB, ALICE))
                .whenPublishingA(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "Order-9"))))
                .expectNoDispatchedCommands();
    }

    @Test
    void endsOnceTheClaimIsReleased() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .andThenAPublished(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "Order-8"))))
                .whenPublishingA(new ReferenceReleased(CLAIM, COMPANY, HASH, ALICE))
                .expectActiveSagas(0);
    }

    @Test
    void aFailedReleaseFailsTheEventSoItIsRetriedNotSkipped() {
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("event store unavailable");
        });

        assertThatThrownBy(() -> fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .whenPublishingA(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "Order-8")))))
                .hasRootCauseMessage("event store unavailable");
    }

    @Test
    void aSuccessfulReleaseCompletesTheHandler() {
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());

        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .whenPublishingA(new CustomerUpdated(ALICE, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "Order-8"))))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new ReleaseReference(CLAIM, ALICE));
    }

    @Test
    void releasesTheClaimWhenItsHolderIsErased() {
        fixture.givenAPublished(new ReferenceClaimed(CLAIM, COMPANY, HASH, ALICE, null))
                .whenPublishingA(new CustomerErased(ALICE, COMPANY))
                .expectDispatchedCommands(new ReleaseReference(CLAIM, ALICE));
    }
}
