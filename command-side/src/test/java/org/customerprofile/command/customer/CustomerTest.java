package org.customerprofile.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.api.reference.ReferenceClaimed;
import org.customerprofile.command.reference.ReferenceClaims;
import org.customerprofile.command.reference.ReferenceTakenException;
import org.customerprofile.personal.MasterKey;
import org.customerprofile.personal.ReferenceHashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final UUID CUSTOMER = UUID.fromString("0b6f8a52-3c2e-4d1f-9a7b-5e4d3c2b1a09");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID OTHER_CUSTOMER = UUID.fromString("5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5");
    private static final UUID OTHER_COMPANY = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final ReferenceHashes HASHES = new ReferenceHashes(MasterKey.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    private static final String HASH = HASHES.of(COMPANY, "order-7");
    private static final String CLAIM = "reference/" + COMPANY + "/" + HASH;
    private static final Profile PROFILE = new Profile(Map.of(
            CustomerField.FIRST_NAME, "John",
            CustomerField.BILLING_ADDRESS_CITY, "London",
            CustomerField.BILLING_ADDRESS_COUNTRY_CODE, "GB",
            CustomerField.SHIPPING_ADDRESS_MATCH, true));

    private AggregateTestFixture<Customer> fixture;
    private EventStore claimStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        // the fixture holds one aggregate: reference claims live in an event store of their own
        claimStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        fixture.registerInjectableResource(ReferenceClaims.backedBy(claimStore, HASHES));
    }

    @Test
    void createsCustomerWithItsProfile() {
        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(CUSTOMER, COMPANY, PROFILE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerCreated(CUSTOMER, COMPANY, PROFILE));
    }

    @Test
    void createClaimsTheReference() {
        Profile profile = new Profile(Map.of(CustomerField.REFERENCE, "Order-7", CustomerField.FIRST_NAME, "John"));

        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(CUSTOMER, COMPANY, profile))
                .expectEvents(new CustomerCreated(CUSTOMER, COMPANY, profile));

        assertThat(claimEvents()).containsExactly(new ReferenceClaimed(CLAIM, COMPANY, HASH, CUSTOMER, null));
    }

    @Test
    void rejectsReferenceUsedByAnotherCustomerOfTheCompany() {
        store(OTHER_CUSTOMER.toString(), 0, new CustomerCreated(OTHER_CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.REFERENCE, "order-7"))));
        store(CLAIM, 0, new ReferenceClaimed(CLAIM, COMPANY, HASH, OTHER_CUSTOMER, null));

        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.REFERENCE, " ORDER-7 "))))
                .expectException(ReferenceTakenException.class)
                .expectNoEvents();
    }

    @Test
    void takesOverAReferenceItsHolderNoLongerUses() {
        store(OTHER_CUSTOMER.toString(), 0, new CustomerCreated(OTHER_CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.REFERENCE, "order-7"))));
        store(OTHER_CUSTOMER.toString(), 1, new CustomerUpdated(OTHER_CUSTOMER, COMPANY,
                Map.of(CustomerField.REFERENCE, new FieldChange("order-7", "order-8"))));
        store(CLAIM, 0, new ReferenceClaimed(CLAIM, COMPANY, HASH, OTHER_CUSTOMER, null));

        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.REFERENCE, "Order-7"))))
                .expectSuccessfulHandlerExecution();

        assertThat(claimEvents()).last().isEqualTo(new ReferenceClaimed(CLAIM, COMPANY, HASH, CUSTOMER, OTHER_CUSTOMER));
    }

    @Test
    void changingTheReferenceClaimsTheNewOne() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.REFERENCE, "Order-6"))))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of(CustomerField.REFERENCE, "Order-7")))
                .expectEvents(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-6", "Order-7"))));

        assertThat(claimEvents()).containsExactly(new ReferenceClaimed(CLAIM, COMPANY, HASH, CUSTOMER, null));
    }

    @Test
    void changingOnlyTheCaseOfTheReferenceNeedsNoNewClaim() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.REFERENCE, "Order-7"))))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of(CustomerField.REFERENCE, "ORDER-7")))
                .expectEvents(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(CustomerField.REFERENCE, new FieldChange("Order-7", "ORDER-7"))));

        assertThat(claimEvents()).isEmpty();
    }

    private void store(String aggregateId, long sequence, Object event) {
        claimStore.publish(new GenericDomainEventMessage<>("test", aggregateId, sequence, event));
    }

    private List<Object> claimEvents() {
        return claimStore.readEvents(CLAIM).asStream()
                .filter(event -> event.getPayload() instanceof ReferenceClaimed)
                .map(event -> (Object) event.getPayload())
                .toList();
    }

    @Test
    void updateRecordsOnlyWhatChangedWithOldAndNewValues() {
        Map<CustomerField, Object> patch = new HashMap<>();
        patch.put(CustomerField.FIRST_NAME, "Jon");
        patch.put(CustomerField.BILLING_ADDRESS_CITY, "London");
        patch.put(CustomerField.BILLING_ADDRESS_POSTCODE, "E1 7RT");
        patch.put(CustomerField.BILLING_ADDRESS_COUNTRY_CODE, null);

        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, patch))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                        CustomerField.BILLING_ADDRESS_COUNTRY_CODE, new FieldChange("GB", null),
                        CustomerField.BILLING_ADDRESS_POSTCODE, new FieldChange(null, "E1 7RT"),
                        CustomerField.FIRST_NAME, new FieldChange("John", "Jon"))))
                .expectResultMessagePayload(1L);
    }

    @Test
    void updateThatChangesNothingRecordsNothing() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of(CustomerField.FIRST_NAME, "John", CustomerField.SHIPPING_ADDRESS_MATCH, true)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void updateAppliesOnTopOfEarlierUpdates() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE),
                        new CustomerUpdated(CUSTOMER, COMPANY, Map.of(CustomerField.FIRST_NAME, new FieldChange("John", "Jon"))))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of(CustomerField.FIRST_NAME, "Jon", CustomerField.LAST_NAME, "Smith")))
                .expectEvents(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(CustomerField.LAST_NAME, new FieldChange(null, "Smith"))))
                .expectResultMessagePayload(2L);
    }

    @Test
    void rejectsUpdateFromAnotherCompanyAsNotFound() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, OTHER_COMPANY, Map.of(CustomerField.FIRST_NAME, "Mallory")))
                .expectException(CustomerNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsUpdateOfACustomerThatDoesNotExist() {
        fixture.givenNoPriorActivity()
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of(CustomerField.FIRST_NAME, "Jon")))
                .expectException(AggregateNotFoundException.class);
    }
}
