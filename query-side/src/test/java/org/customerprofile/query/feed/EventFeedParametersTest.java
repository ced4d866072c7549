package org.customerprofile.query.feed;

import static org.customerprofile.query.Slices.invalid;
import static org.customerprofile.query.Slices.named;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.customerprofile.query.Slices;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

class EventFeedParametersTest {

    private final MockMvc mvc = Slices.of(new EventFeedController(null, null));

    @Test
    void aCursorAndALimitAreReportedTogether() throws Exception {
        mvc.perform(get("/v1/events?after=abc&limit=0"))
                .andExpectAll(invalid(named("after", "limit"), "must be a whole number of at least 0", "must be a whole number from 1 to 1000"));
    }

    @Test
    void theStreamNamesTheHeaderAsSent() throws Exception {
        mvc.perform(get("/v1/events/stream?after=-1").header("Last-Event-ID", "yesterday"))
                .andExpectAll(invalid(named("Last-Event-ID", "after")));
    }
}
