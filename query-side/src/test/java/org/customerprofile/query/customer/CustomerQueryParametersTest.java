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

    @Test
    void reportsEveryBadSearchParameterAtOnceInTheContractsOrder() throws Exception {
        mvc.perform(get("/v1/customers").param("email", "nope").param("phone", "+-").param("postcode", "x".repeat(41))
                        .param("first_name", "R2D2").param("last_name", "ok").param("q", "ab c").param("created_from", "yesterday")
                        .param("created_to", "2025-01-31").param("reference", "a b"))
                .andExpectAll(invalid(named("email", "phone", "postcode", "first_name", "q", "created_from", "created_to", "reference"),
                        "must be an email address",
                        "must contain 1 to 18 digits",
                        "size must be between 1 and 40",
                        "may contain only letters, spaces and ' - .",
                        "every term must have at least 2 characters",
                        SearchParameter.INSTANT_REASON,
                        SearchParameter.INSTANT_REASON,
                        "may contain only letters, digits and _ - . ,"));
    }

    @Test
    void refusesFreeTextWithoutLettersOrWithTooManyTerms() throws Exception {
        mvc.perform(get("/v1/customers").param("q", "ab --")).andExpectAll(invalid(named("q"), "every term must contain a letter or a digit"));
        mvc.perform(get("/v1/customers").param("q", "ab ".repeat(11))).andExpectAll(invalid(named("q"), "must have at most 10 terms"));
        mvc.perform(get("/v1/customers").param("q", "a".repeat(201))).andExpectAll(invalid(named("q"), "must be at most 200 characters"));
    }
}
