package org.customerprofile.query.customer;

import static org.customerprofile.query.Slices.invalid;
import static org.customerprofile.query.Slices.named;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import org.customerprofile.query.Slices;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

class CustomerQueryParametersTest {

    private final MockMvc mvc = Slices.of(new CustomerQueryController(null, null));

    @Test
    void reportsEveryBadListParameterAtOnceWithItsReason() throws Exception {
        mvc.perform(get("/v1/customers").param("filter", "nope,first_name,{x}").param("limit", "abc").param("offset", "-1"))
                .andExpect(jsonPath("$.instance").value("/v1/customers"))
                .andExpectAll(invalid(named("filter", "limit", "offset"),
                        "names unknown fields: nope, {x}",
                        "must be a whole number from 1 to 100",
                        "must be a whole number of at least 0"));
    }

    @Test
    void refusesLimitsOutsideOneToAHundredAndNumbersThatAreNotWhole() throws Exception {
        for (String limit : new String[] {"0", "101", "2.5", "99999999999999999999", " 5"}) {
            mvc.perform(get("/v1/customers").param("limit", limit)).andExpectAll(invalid(named("limit")));
        }
        mvc.perform(get("/v1/customers?offset=1e3")).andExpectAll(invalid(named("offset")));
    }

    @Test
    void refusesAnUnknownFilterOnRetrieve() throws Exception {
        mvc.perform(get("/v1/customers/some-id?filter=first_name,favourite_colour"))
                .andExpectAll(invalid(named("filter"), "names unknown fields: favourite_colour"));
    }
}
