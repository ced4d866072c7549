package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CustomerFilterTest {

    @Test
    void absentOrBlankSelectsEveryField() {
        assertThat(CustomerFilter.of(null)).isEqualTo(CustomerFilter.ALL);
        assertThat(CustomerFilter.of(" ")).isEqualTo(CustomerFilter.ALL);
        assertThat(CustomerFilter.ALL.selects("billing.address.city")).isTrue();
    }

    @Test
    void keepsTheOutermostOfNestedPathsOnceEach() {
        CustomerFilter filter = CustomerFilter.of("billing.address.city, billing,first_name,first_name");

        assertThat(filter.paths()).containsExactly("billing", "first_name");
        assertThat(filter.raw()).isEqualTo("billing.address.city, billing,first_name,first_name");
    }

    @Test
    void selectsAFieldInsideASelectedObjectButNotItsNeighbours() {
        CustomerFilter filter = CustomerFilter.of("billing.address,customer_id");

        assertThat(filter.selects("billing.address.city")).isTrue();
        assertThat(filter.selects("customer_id")).isTrue();
        assertThat(filter.selects("billing.email")).isFalse();
        assertThat(filter.selects("billing.addressee")).as("a prefix of a name is no parent").isFalse();
    }

    @Test
    void namesUnknownPathsInTheOrderGiven() {
        assertThat(CustomerFilter.unknownPaths("first_name,favourite_colour,billing.address.county,billing.email.x"))
                .containsExactly("favourite_colour", "billing.address.county", "billing.email.x");
        assertThat(CustomerFilter.unknownPaths("customer_id,company_id,created,last_updated,billing,shipping.address")).isEmpty();
        assertThat(CustomerFilter.unknownPaths(null)).isEmpty();
    }

    @Test
    void refusesAFilterNoConstraintChecked() {
        assertThatThrownBy(() -> CustomerFilter.of("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
