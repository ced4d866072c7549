package org.customerprofile.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictTextTest {

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void acceptsWellFormedUtf8OfEveryLength() {
        byte[] text = "a é 中 😀 \u05e9\u05dc\u05d5\u05dd e\u0301".getBytes(StandardCharsets.UTF_8);

        assertThat(StrictText.malformedUtf8(text)).isEmpty();
        assertThat(StrictText.decodeUtf8(text)).contains("a é 中 😀 \u05e9\u05dc\u05d5\u05dd e\u0301");
    }

    @Test
    void findsOverlongFormsEncodedSurrogatesAndCodePointsAboveTheLastOne() {
        assertThat(StrictText.malformedUtf8(bytes('a', 0xc0, 0xaf, 'b'))).containsExactly(1, 2);
        assertThat(StrictText.malformedUtf8(bytes('a', 'b', 0xed, 0xa0, 0x80))).first().isEqualTo(2);
        assertThat(StrictText.malformedUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).first().isEqualTo(0);
        assertThat(StrictText.malformedUtf8(bytes('x', 0xe2, 0x82))).containsExactly(1);
        assertThat(StrictText.malformedUtf8(bytes(0xff))).containsExactly(0);
        assertThat(StrictText.decodeUtf8(bytes(0xc0, 0xaf))).isEmpty();
    }

    @Test
    void refusesUnpairedSurrogatesAndControlCharactersButTabAndNewline() {
        assertThat(StrictText.problem("line\tone\ntwo 😀")).isEmpty();
        assertThat(StrictText.problem("a\ud800")).contains(StrictText.LONE_SURROGATE);
        assertThat(StrictText.problem("\udc00a")).contains(StrictText.LONE_SURROGATE);
        assertThat(StrictText.problem("\ude00\ud83d")).contains(StrictText.LONE_SURROGATE);
        assertThat(StrictText.problem("a\u0000")).contains(StrictText.CONTROL_CHARACTER);
        assertThat(StrictText.problem("a\r\n")).contains(StrictText.CONTROL_CHARACTER);
        assertThat(StrictText.problem("\u007f")).contains(StrictText.CONTROL_CHARACTER);
        assertThat(StrictText.problem("\u0085")).contains(StrictText.CONTROL_CHARACTER);
        assertThat(StrictText.problem("\u200f\u202e")).as("bidirectional marks are text, not controls").isEmpty();
    }

    @Test
    void printableReplacesWhatCannotBeEchoed() {
        assertThat(StrictText.printable("a\ud800b\u0001😀")).isEqualTo("a\ufffdb\ufffd😀");
    }
}
