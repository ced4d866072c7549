package org.customerprofile.command.customer;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.UpdateCustomer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final UUID CUSTOMER = UUID.fromString("0b6f8a52-3c2e-4d1f-9a7b-5e4d3c2b1a09");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID OTHER_COMPANY = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final Map<String, Object> PROFILE = Map.of(
            "first_name", "John",
            "billing.address.city", "London",
            "billing.address.country_code", "GB",
            "shipping.address_match", true);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    @Test
    void createsCustomerWithItsProfile() {
        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(CUSTOMER, COMPANY, PROFILE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerCreated(CUSTOMER, COMPANY, PROFILE));
    }

    @Test
    void rejectsFieldsThatAreNotPartOfACustomer() {
        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(CUSTOMER, COMPANY, Map.of("password", "secret")))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void updateRecordsOnlyWhatChangedWithOldAndNewValues() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("first_name", "Jon");
        patch.put("billing.address.city", "London");
        patch.put("billing.address.postcode", "E1 7RT");
        patch.put("billing.address.country_code", null);

        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, patch))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                        "billing.address.country_code", new FieldChange("GB", null),
                        "billing.address.postcode", new FieldChange(null, "E1 7RT"),
                        "first_name", new FieldChange("John", "Jon"))))
                .expectResultMessagePayload(1L);
    }

    @Test
    void updateThatChangesNothingRecordsNothing() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of("first_name", "John", "shipping.address_match", true)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void updateAppliesOnTopOfEarlierUpdates() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE),
                        new CustomerUpdated(CUSTOMER, COMPANY, Map.of("first_name", new FieldChange("John", "Jon"))))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of("first_name", "Jon", "last_name", "Smith")))
                .expectEvents(new CustomerUpdated(CUSTOMER, COMPANY, Map.of("last_name", new FieldChange(null, "Smith"))))
                .expectResultMessagePayload(2L);
    }

    @Test
    void rejectsUpdateFromAnotherCompanyAsNotFound() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, OTHER_COMPANY, Map.of("first_name", "Mallory")))
                .expectException(CustomerNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsUpdateOfACustomerThatDoesNotExist() {
        fixture.givenNoPriorActivity()
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of("first_name", "Jon")))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        fixture.given(new CustomerCreated(CUSTOMER, COMPANY, PROFILE))
                .when(new UpdateCustomer(CUSTOMER, COMPANY, Map.of("shipping.address_match", "yes")))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
