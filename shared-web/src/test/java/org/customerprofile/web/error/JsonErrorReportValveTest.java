package org.customerprofile.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonErrorReportValveTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersTheContractsErrorShape() throws Exception {
        JsonNode body = JSON.readTree(JsonErrorReportValve.render(400, "/v1/customers/a%2fb"));

        assertThat(body).isEqualTo(JSON.readTree("""
                {"status": "error", "error_type": "bad_request", "title": "Your request could not be understood.",
                 "instance": "/v1/customers/a%2fb"}"""));
    }

    @Test
    void keepsTheInstanceFieldWhenThePathIsUnknown() throws Exception {
        JsonNode body = JSON.readTree(JsonErrorReportValve.render(405, ""));

        assertThat(body.get("instance").asText()).isEmpty();
        assertThat(body.get("title").asText()).isEqualTo("This method is not supported for this resource.");
    }

    @Test
    void escapesWhateverTheTargetHeld() throws Exception {
        JsonNode body = JSON.readTree(JsonErrorReportValve.render(400, "/\"<script>\u0000\\"));

        assertThat(body.get("instance").asText()).isEqualTo("/\"<script>\u0000\\");
    }
}
