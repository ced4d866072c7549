package org.customerprofile.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.customerprofile.web.error.ApiError;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class JsonBodyCheckTest {

    private final JsonBodyCheck check = new JsonBodyCheck(new RequestLimitsProperties(DataSize.ofKilobytes(64), 16, 2000, 4096, 256));

    private Optional<ApiError> refusal(String json) {
        return refusal(json.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<ApiError> refusal(byte[] json) {
        return check.refusal(json).map(e -> e.toError("/v1/customers"));
    }

    private static byte[] concat(String before, int[] raw, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            bytes.write(b);
        }
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static List<InvalidParameter> problems(Optional<ApiError> error) {
        assertThat(error).isPresent();
        return error.get().invalidParameters();
    }

    @Test
    void acceptsAWellFormedCustomerInAnyScript() {
        assertThat(refusal("""
                {"first_name": "Zoë", "last_name": "\u05db\u05d4\u05df", "billing": {"address": {"line_1": "1 😀 Way\\nFlat 2",
                 "city": "東京"}}, "tags": [1, "x", null]}""")).isEmpty();
    }

    @Test
    void namesTheMemberHoldingMalformedUtf8() {
        assertThat(problems(refusal(concat("{\"billing\": {\"address\": {\"city\": \"a", new int[]{0xc0, 0xaf}, "\"}}}"))))
                .containsExactly(new InvalidParameter("billing.address.city", StrictText.NOT_UTF_8));
        assertThat(problems(refusal(concat("{\"first_name\": \"", new int[]{0xed, 0xa0, 0x80}, "\"}"))))
                .containsExactly(new InvalidParameter("first_name", StrictText.NOT_UTF_8));
        assertThat(problems(refusal(concat("{\"last_name\": \"", new int[]{0xf4, 0x90, 0x80, 0x80}, "\"}"))))
                .containsExactly(new InvalidParameter("last_name", StrictText.NOT_UTF_8));
        assertThat(problems(refusal(concat("{\"last_name\": \"", new int[]{0xff}, "\"}"))))
                .containsExactly(new InvalidParameter("last_name", StrictText.NOT_UTF_8));
    }

    @Test
    void namesEveryMemberHoldingAnUnpairedSurrogateOrAControlCharacter() {
        assertThat(problems(refusal("{\"first_name\": \"\\ud800\", \"billing\": {\"address\": {\"line_1\": \"a\\u0007\"}}, \"x\": [\"\\udc00\"]}")))
                .containsExactly(
                        new InvalidParameter("first_name", StrictText.LONE_SURROGATE),
                        new InvalidParameter("billing.address.line_1", StrictText.CONTROL_CHARACTER),
                        new InvalidParameter("x.0", StrictText.LONE_SURROGATE));
        assertThat(problems(refusal(concat("{\"city\": \"a", new int[]{0x01}, "\"}"))))
                .as("a raw control character").containsExactly(new InvalidParameter("city", StrictText.CONTROL_CHARACTER));
        assertThat(problems(refusal("{\"a\\u0000b\": 1}")))
                .as("in a name, echoed printable").containsExactly(new InvalidParameter("a\ufffdb", StrictText.CONTROL_CHARACTER));
    }

    @Test
    void refusesBodiesOverTheLimitsBeforeReadingOn() {
        assertThat(problems(refusal("[".repeat(17) + "]".repeat(17))).get(0).parameter()).isEqualTo("body");
        assertThat(refusal("[".repeat(16) + "]".repeat(16))).isEmpty();

        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 1500; i++) {
            manyKeys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        assertThat(problems(refusal(manyKeys.append("}").toString())).get(0).reason()).contains("2000 JSON tokens");

        assertThat(problems(refusal("{\"custom_data\": \"" + "A".repeat(4097) + "\"}")))
                .containsExactly(new InvalidParameter("custom_data", "must be at most 4096 characters"));
        assertThat(refusal("{\"custom_data\": \"" + "A".repeat(4096) + "\"}")).isEmpty();
        assertThat(problems(refusal("{\"" + "k".repeat(300) + "\": 1}")).get(0).parameter()).isEqualTo("body");
    }

    @Test
    void leavesPlainSyntaxErrorsToTheJsonReader() {
        assertThat(refusal("{\"a\": ")).isEmpty();
        assertThat(refusal("not json")).isEmpty();
        assertThat(refusal("{\"a\": \"tab\tinside\"}")).as("raw tab: bad JSON, not bad text").isEmpty();
    }

    @Test
    void aRefusalIsAnApiException() {
        assertThat(check.refusal("{\"a\": \"\\ud800\"}".getBytes(StandardCharsets.UTF_8))).get()
                .extracting(ApiException::status).hasToString("400 BAD_REQUEST");
    }
}
