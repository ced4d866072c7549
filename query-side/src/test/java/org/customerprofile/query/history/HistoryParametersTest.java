package org.customerprofile.query.history;

import static org.customerprofile.query.Slices.invalid;
import static org.customerprofile.query.Slices.named;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.customerprofile.query.Slices;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

class HistoryParametersTest {

    private static final String CUSTOMER = "/v1/customers/00000000-0000-4000-8000-000000000000";

    private final MockMvc mvc = Slices.of(new CustomerHistoryController(null));

    @Test
    void versionMustBeAWholeNumberOfAtLeastOne() throws Exception {
        for (String version : new String[] {"0", "-1", "abc", "1.5", ""}) {
            mvc.perform(get(CUSTOMER).param("version", version))
                    .andExpectAll(invalid(named("version"), "must be a whole number of at least 1"));
        }
    }

    @Test
    void asOfMustBeAnInstantWithAnOffset() throws Exception {
        for (String asOf : new String[] {"yesterday", "2025-01-01", "2025-01-01T10:00:00", ""}) {
            mvc.perform(get(CUSTOMER).param("as_of", asOf))
                    .andExpectAll(invalid(named("as_of"), "must be an ISO 8601 date-time with an offset, such as 2025-01-31T09:30:00Z"));
        }
    }

    @Test
    void versionAndAsOfTogetherNameBoth() throws Exception {
        mvc.perform(get(CUSTOMER + "?version=1&as_of=2025-01-01T10:00:00Z"))
                .andExpectAll(invalid(named("version", "as_of"), "cannot be combined with as_of", "cannot be combined with version"));
    }

    @Test
    void aBadVersionAndFilterAreReportedTogether() throws Exception {
        mvc.perform(get(CUSTOMER + "?version=x&filter=nope")).andExpectAll(invalid(named("version", "filter")));
    }

    @Test
    void eventsTakeTheListsLimitAndOffset() throws Exception {
        mvc.perform(get(CUSTOMER + "/events?limit=101&offset=-1"))
                .andExpectAll(invalid(named("limit", "offset"), "must be a whole number from 1 to 100"));
    }
}
