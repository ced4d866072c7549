package org.customerprofile.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.query.customer.CustomerFilter;
import org.customerprofile.query.customer.CustomerView;
import org.junit.jupiter.api.Test;

/** A past state folded from a customer's events, as the history endpoints show it. */
class CustomerStateTest {

    private static final UUID CUSTOMER = UUID.fromString("6646caaf-b9c1-4642-a1f2-c0976a5d8d3f");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");

    @Test
    void foldsEveryUpdateIntoTheCreatedProfile() {
        CustomerView view = CustomerState.after(List.of(
                event(0, new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(
                        CustomerField.FIRST_NAME, "John", CustomerField.BILLING_ADDRESS_CITY, "London")))),
                event(1, new CustomerUpdated(CUSTOMER, COMPANY, Map.of(CustomerField.FIRST_NAME, new FieldChange("John", "Jon")))),
                event(2, new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                        CustomerField.BILLING_ADDRESS_CITY, new FieldChange("London", null),
                        CustomerField.SHIPPING_ADDRESS_MATCH, new FieldChange(null, true))))));

        assertThat(view.profile()).isEqualTo(new Profile(Map.of(CustomerField.FIRST_NAME, "Jon", CustomerField.SHIPPING_ADDRESS_MATCH, true)));
        assertThat(view.toApi(CustomerFilter.of(null)))
                .containsEntry("first_name", "Jon")
                .containsEntry("shipping", Map.of("address_match", true))
                .doesNotContainKey("billing");
    }

    @Test
    void theCreationAloneIsTheFirstVersion() {
        CustomerView view = CustomerState.after(List.of(
                event(0, new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.LAST_NAME, "Smith"))))));

        assertThat(view.profile().byPath()).containsExactly(Map.entry("last_name", "Smith"));
        assertThat(view.companyId()).isEqualTo(COMPANY.toString());
    }

    private static DomainEventMessage<?> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Customer", CUSTOMER.toString(), sequence, payload);
    }
}
